//! The set of project keys a batch has met, each with the line it first appeared at: exact for
//! keys in any order, and a few bytes a key when they come in increasing order, as exports
//! sorted by project code do.
//!
//! Keys live in sorted runs, front-coded: each entry holds how many bytes it shares with the
//! key before it, the bytes that follow, and its line as the difference from the line before.
//! Every [`BLOCK`] entries a key is stored whole (a restart), and a run keeps where each block
//! begins, so a key is found by a binary search over the blocks' first keys and a scan of one
//! block. A run's bytes are in segments of fixed room, a block never spanning two, so a run
//! grows without ever copying what it holds.
//!
//! A key greater than every key so far cannot have been met: it is appended to the tip run
//! without a look-up. Any other key is looked up in each run whose range holds it and among
//! the pending keys (those that came out of order); if absent it joins them, and when they
//! are [`PENDING`] they become a run, merged with the runs before it while the one before is
//! no larger, so runs stay few (logarithmic in the keys out of order). Each of those runs has
//! a Bloom filter, so a new key out of order is scanned for in about one run in forty of those
//! that cannot hold it.

use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Entries per block: the first stores its key whole.
const BLOCK: u32 = 64;
/// A run's first segment's room; each next one doubles what the run has, up to [`SEGMENT`].
const FIRST: usize = 4 << 10;
/// The largest room a segment is made with (unless one key needs more).
const SEGMENT: usize = 1 << 20;
/// Keys out of order held in a map before they are written as a run.
const PENDING: usize = 4096;

/// Project keys met so far, each with its first line.
#[derive(Default)]
pub struct Seen {
    /// Keys that came in increasing order; its last key is the greatest of all.
    tip: Run,
    /// Runs of pending keys written and merged, oldest (largest) first.
    runs: Vec<Run>,
    /// Keys that came out of order, not yet in a run.
    pending: BTreeMap<Box<[u8]>, u64>,
}

impl Seen {
    pub fn new() -> Seen {
        Seen::default()
    }

    /// The line `key` first appeared at, when it was met before; else records it at `line`
    /// and gives `None`.
    pub fn first_line_or_insert(&mut self, key: &[u8], line: u64) -> Option<u64> {
        if self.tip.len == 0 || key > self.tip.last.as_slice() {
            self.tip.push(key, line);
            return None;
        }
        if let Some(first) = self.find(key) {
            return Some(first);
        }
        self.pending.insert(key.into(), line);
        if self.pending.len() >= PENDING {
            self.write_pending();
        }
        None
    }

    /// How many keys are held.
    #[cfg(test)]
    fn len(&self) -> u64 {
        let runs: u64 = self.runs.iter().map(|r| r.len).sum();
        self.tip.len + runs + self.pending.len() as u64
    }

    /// The bytes the runs' entries and block indexes take (the pending keys, and the room
    /// left in segments, not counted).
    #[cfg(test)]
    fn bytes(&self) -> usize {
        std::iter::once(&self.tip)
            .chain(&self.runs)
            .map(Run::bytes)
            .sum()
    }

    fn find(&self, key: &[u8]) -> Option<u64> {
        let h = hash(key);
        if let Some(line) = std::iter::once(&self.tip)
            .chain(&self.runs)
            .find_map(|r| r.find(key, h))
        {
            return Some(line);
        }
        self.pending.get(key).copied()
    }

    /// The pending keys become a run, merged with the last runs while the one before the last
    /// is no larger than it.
    fn write_pending(&mut self) {
        let mut run = Run::filtered(self.pending.len() as u64);
        for (key, &line) in &self.pending {
            run.push(key, line);
        }
        self.pending.clear();
        self.runs.push(run);
        while let [.., a, b] = self.runs.as_slice()
            && a.len <= b.len
        {
            let (Some(b), Some(a)) = (self.runs.pop(), self.runs.pop()) else {
                break;
            };
            self.runs.push(merge(a, b));
        }
    }
}

/// Keys in increasing order, front-coded, with their lines.
#[derive(Default)]
struct Run {
    /// The encoded entries; each segment is made with its room and never grows past it.
    segments: Vec<Vec<u8>>,
    /// Where each block begins: its segment and the offset in it.
    blocks: Vec<(u32, u32)>,
    /// The last key written (the greatest), whole, and its line.
    last: Vec<u8>,
    last_line: u64,
    /// Entries in the last block.
    filled: u32,
    len: u64,
    /// The room of all segments.
    made: usize,
    /// The entry being encoded.
    entry: Vec<u8>,
    /// A Bloom filter of the keys' hashes (4 bits of one word set for each, 10 bits a key), so
    /// that a key out of order skips the runs that cannot hold it; none for the tip, whose
    /// keys come in order and are rarely looked up.
    filter: Vec<u64>,
}

impl Run {
    /// An empty run with a filter for `keys` keys.
    fn filtered(keys: u64) -> Run {
        let words = (keys * 10).div_ceil(64).max(1) as usize;
        Run {
            filter: vec![0; words],
            ..Run::default()
        }
    }

    /// The filter's word and bits for a key's hash.
    fn probe(&self, h: u64) -> (usize, u64) {
        let word = ((u128::from(h.rotate_left(32)) * self.filter.len() as u128) >> 64) as usize;
        let bits = (0..4).fold(0, |m, i| m | 1 << ((h >> (6 * i)) & 63));
        (word, bits)
    }

    /// Whether the run may hold a key of hash `h` (false: it does not).
    fn may_hold(&self, h: u64) -> bool {
        if self.filter.is_empty() {
            return true;
        }
        let (word, bits) = self.probe(h);
        self.filter[word] & bits == bits
    }

    /// Appends `key`, greater than every key in the run.
    fn push(&mut self, key: &[u8], line: u64) {
        debug_assert!(self.len == 0 || key > self.last.as_slice());
        if !self.filter.is_empty() {
            let (word, bits) = self.probe(hash(key));
            self.filter[word] |= bits;
        }
        let mut restart = self.len == 0 || self.filled == BLOCK;
        if !restart {
            let shared = common_prefix(&self.last, key);
            let suffix = &key[shared..];
            let delta = zigzag(line.wrapping_sub(self.last_line));
            // written in place when the segment has room for the longest such entry (a head
            // byte, two lengths and a line of 10 bytes each at most)
            if let Some(seg) = self.segments.last_mut()
                && seg.capacity() - seg.len() >= 31 + suffix.len()
            {
                encode(seg, shared, suffix, delta);
                self.filled += 1;
                self.len += 1;
                self.last.truncate(shared);
                extend(&mut self.last, suffix);
                self.last_line = line;
                return;
            }
            self.entry.clear();
            encode(&mut self.entry, shared, suffix, delta);
            // an entry that does not fit begins a block in a new segment
            restart = !self.fits();
        }
        if restart {
            self.entry.clear();
            encode(&mut self.entry, 0, key, line);
            if !self.fits() {
                let room = self.made.clamp(FIRST, SEGMENT).max(self.entry.len());
                self.segments.push(Vec::with_capacity(room));
                self.made += room;
            }
            let seg = self.segments.len() - 1;
            let at = self.segments[seg].len();
            self.blocks.push((seg as u32, at as u32));
            self.filled = 0;
        }
        if let Some(seg) = self.segments.last_mut() {
            seg.extend_from_slice(&self.entry);
        }
        self.filled += 1;
        self.len += 1;
        self.last.clear();
        self.last.extend_from_slice(key);
        self.last_line = line;
    }

    /// Whether the entry encoded fits in the last segment's room.
    fn fits(&self) -> bool {
        self.segments
            .last()
            .is_some_and(|s| s.capacity() - s.len() >= self.entry.len())
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        let entries: usize = self.segments.iter().map(Vec::len).sum();
        entries + self.blocks.len() * std::mem::size_of::<(u32, u32)>()
    }

    /// The encoded entries of block `b`.
    fn block(&self, b: usize) -> &[u8] {
        let (s, at) = self.blocks[b];
        let seg = &self.segments[s as usize];
        let end = match self.blocks.get(b + 1) {
            Some(&(next, to)) if next == s => to as usize,
            _ => seg.len(),
        };
        &seg[at as usize..end]
    }

    /// The first key of block `b`, stored whole.
    fn first_key(&self, b: usize) -> &[u8] {
        let (s, at) = self.blocks[b];
        let mut pos = at as usize;
        decode(&self.segments[s as usize], &mut pos).1
    }

    /// The line `key` (of hash `h`) was recorded at, if the run holds it.
    fn find(&self, key: &[u8], h: u64) -> Option<u64> {
        if self.len == 0 || key > self.last.as_slice() || !self.may_hold(h) {
            return None;
        }
        // the last block whose first key is not greater than `key`
        let (mut lo, mut hi) = (0, self.blocks.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.first_key(mid) <= key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let b = lo.checked_sub(1)?;
        // the block's keys are scanned without being rebuilt: `matched` is how many bytes the
        // key before shares with `key` (it is less than `key`); an entry sharing fewer bytes
        // with it is greater than `key`, one sharing more is still less
        let data = self.block(b);
        let (mut pos, mut line, mut matched) = (0, 0, 0);
        while pos < data.len() {
            let restart = pos == 0;
            let (shared, suffix, value) = decode(data, &mut pos);
            line = if restart {
                value
            } else {
                line.wrapping_add(unzigzag(value))
            };
            match shared.cmp(&matched) {
                Ordering::Less => return None,
                Ordering::Greater => continue,
                Ordering::Equal => {}
            }
            let rest = &key[matched..];
            let n = common_prefix(suffix, rest);
            matched += n;
            match (suffix.get(n), rest.get(n)) {
                (None, None) => return Some(line),
                (Some(_), None) => return None,
                (Some(a), Some(b)) if a > b => return None,
                _ => {}
            }
        }
        None
    }
}

/// A run read in order, each segment freed once it has been read.
struct Drain {
    run: Run,
    /// The block being read, where in its segment the next entry is, and where the block ends.
    block: usize,
    pos: usize,
    end: usize,
    key: Vec<u8>,
    line: u64,
}

impl Drain {
    fn new(run: Run) -> Drain {
        Drain {
            run,
            block: usize::MAX,
            pos: 0,
            end: 0,
            key: Vec::new(),
            line: 0,
        }
    }

    /// Moves to the next entry (its key and line in `key` and `line`); false after the last.
    fn advance(&mut self) -> bool {
        let restart = self.pos == self.end;
        if restart {
            let next = self.block.wrapping_add(1);
            let Some(&(s, at)) = self.run.blocks.get(next) else {
                self.run.segments.clear();
                return false;
            };
            if let Some(&(before, _)) = self.run.blocks.get(self.block)
                && before != s
            {
                self.run.segments[before as usize] = Vec::new();
            }
            self.block = next;
            self.pos = at as usize;
            self.end = self.pos + self.run.block(next).len();
        }
        let seg = &self.run.segments[self.run.blocks[self.block].0 as usize];
        let (shared, suffix, value) = decode(seg, &mut self.pos);
        self.key.truncate(shared);
        self.key.extend_from_slice(suffix);
        self.line = if restart {
            value
        } else {
            self.line.wrapping_add(unzigzag(value))
        };
        true
    }
}

/// The keys of two runs holding no key in common, in one run.
fn merge(a: Run, b: Run) -> Run {
    let mut out = Run::filtered(a.len + b.len);
    let (mut a, mut b) = (Drain::new(a), Drain::new(b));
    let (mut in_a, mut in_b) = (a.advance(), b.advance());
    while in_a || in_b {
        debug_assert!(!(in_a && in_b && a.key == b.key));
        if in_a && (!in_b || a.key < b.key) {
            out.push(&a.key, a.line);
            in_a = a.advance();
        } else {
            out.push(&b.key, b.line);
            in_b = b.advance();
        }
    }
    out
}

/// A 64-bit hash of a key, for the runs' filters: its 8-byte words mixed in turn, then the
/// rest and the length (a filter needs spread bits, not resistance to crafted keys: a
/// collision only costs a look-up).
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mix = |h: u64, w: u64| (h ^ w).wrapping_mul(K).rotate_left(29);
    let mut words = key.chunks_exact(8);
    let mut h = K;
    for w in &mut words {
        h = mix(
            h,
            u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]),
        );
    }
    let rest = words
        .remainder()
        .iter()
        .enumerate()
        .fold(0, |r, (i, &b)| r | u64::from(b) << (8 * i));
    h = mix(mix(h, rest), key.len() as u64);
    // the finaliser of MurmurHash3, so every bit of the state reaches every bit of the hash
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// How many leading bytes `a` and `b` share, compared 8 at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let word = |s: &[u8], i: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&s[i..i + 8]);
        u64::from_le_bytes(w)
    };
    let mut i = 0;
    while i + 8 <= n {
        let x = word(a, i) ^ word(b, i);
        if x != 0 {
            return i + (x.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

/// An entry: a byte holding the shared length and the suffix's length when each is under 15
/// (15: it follows as a varint, less 15), the suffix, then `value` (the line at a restart,
/// else the zigzagged difference from the line before).
fn encode(out: &mut Vec<u8>, shared: usize, suffix: &[u8], value: u64) {
    let nibble = |n: usize| n.min(15) as u8;
    out.push((nibble(shared) << 4) | nibble(suffix.len()));
    for n in [shared, suffix.len()] {
        if n >= 15 {
            varint(out, (n - 15) as u64);
        }
    }
    extend(out, suffix);
    varint(out, value);
}

/// Appends `bytes`, a few at a time without a call to copy them (an entry's suffix is often
/// a byte or two).
fn extend(out: &mut Vec<u8>, bytes: &[u8]) {
    if bytes.len() <= 8 {
        for &b in bytes {
            out.push(b);
        }
    } else {
        out.extend_from_slice(bytes);
    }
}

/// The entry at `pos` (moved past it): shared length, suffix, value.
fn decode<'a>(data: &'a [u8], pos: &mut usize) -> (usize, &'a [u8], u64) {
    let head = data[*pos];
    *pos += 1;
    let mut length = |nibble: u8| {
        if nibble == 15 {
            15 + read_varint(data, pos) as usize
        } else {
            nibble as usize
        }
    };
    let shared = length(head >> 4);
    let n = length(head & 15);
    let suffix = &data[*pos..*pos + n];
    *pos += n;
    (shared, suffix, read_varint(data, pos))
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn read_varint(data: &[u8], pos: &mut usize) -> u64 {
    let mut n = 0u64;
    let mut shift = 0;
    loop {
        let b = data[*pos];
        *pos += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// A difference of lines (wrapped to u64) as a small number whichever its sign.
fn zigzag(d: u64) -> u64 {
    let d = d as i64;
    ((d << 1) ^ (d >> 63)) as u64
}

fn unzigzag(z: u64) -> u64 {
    (z >> 1) ^ (z & 1).wrapping_neg()
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    /// A small deterministic generator (splitmix64).
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        }

        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    fn id(n: u64) -> Vec<u8> {
        format!("\0LS2020-{n:07}").into_bytes()
    }

    /// Inserts `keys` in turn (line = place * 3 + 1), checking each against a map of what
    /// was inserted, then looks every key up again.
    fn against_oracle(keys: &[Vec<u8>]) -> Seen {
        let mut seen = Seen::new();
        let mut oracle: HashMap<Vec<u8>, u64> = HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            let line = i as u64 * 3 + 1;
            let want = oracle.get(k).copied();
            assert_eq!(seen.first_line_or_insert(k, line), want, "key {k:?} at {i}");
            oracle.entry(k.clone()).or_insert(line);
        }
        assert_eq!(seen.len(), oracle.len() as u64);
        for (k, &line) in &oracle {
            assert_eq!(seen.first_line_or_insert(k, u64::MAX), Some(line), "{k:?}");
        }
        seen
    }

    #[test]
    fn sorted_keys_take_a_few_bytes_each_and_are_all_found_again() {
        let keys: Vec<Vec<u8>> = (1..=100_000).map(id).collect();
        let mut seen = Seen::new();
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(seen.first_line_or_insert(k, 2 + 12 * i as u64), None);
        }
        assert!(seen.runs.is_empty() && seen.pending.is_empty());
        let per_key = seen.bytes() as f64 / keys.len() as f64;
        assert!(per_key < 4.0, "{per_key} bytes a key");
        for (i, k) in keys.iter().enumerate().rev() {
            assert_eq!(seen.first_line_or_insert(k, 0), Some(2 + 12 * i as u64));
        }
        // keys between and around the ones held are not found, and are then recorded
        for k in [
            b"\0LS2020-0000000".to_vec(),
            b"\0LS2020-00000015".to_vec(),
            b"\0".to_vec(),
        ] {
            assert_eq!(seen.first_line_or_insert(&k, 7), None, "{k:?}");
            assert_eq!(seen.first_line_or_insert(&k, 9), Some(7), "{k:?}");
        }
    }

    #[test]
    fn keys_in_reverse_order() {
        let keys: Vec<Vec<u8>> = (0..20_000).rev().map(id).collect();
        let seen = against_oracle(&keys);
        assert!(seen.runs.len() <= 5, "{} runs", seen.runs.len());
    }

    #[test]
    fn random_order_with_repeats_matches_a_map() {
        let mut rng = Rng(42);
        // keys of a few shapes: ids, long shared prefixes, short ones, prefixes of each other
        let pool: Vec<Vec<u8>> = (0..60_000)
            .map(|i| match i % 4 {
                0 => id(rng.below(10_000_000)),
                1 => {
                    let mut k = vec![1u8; 40 + rng.below(200) as usize];
                    k.extend_from_slice(&rng.next().to_be_bytes()[..rng.below(9) as usize]);
                    k
                }
                2 => (0..rng.below(4)).map(|_| rng.below(3) as u8).collect(),
                _ => format!("\u{1}财政局\0\0项目{}", rng.below(50_000)).into_bytes(),
            })
            .collect();
        let keys: Vec<Vec<u8>> = (0..200_000)
            .map(|_| pool[rng.below(pool.len() as u64) as usize].clone())
            .collect();
        let seen = against_oracle(&keys);
        assert!(seen.runs.len() <= 12, "{} runs", seen.runs.len());
    }

    #[test]
    fn long_prefixes_empty_suffixes_and_keys_that_prefix_others() {
        let mut keys = Vec::new();
        for len in [0, 1, 2, 14, 15, 16, 142, 143, 300, 5000] {
            keys.push(vec![b'a'; len]);
            let mut k = vec![b'a'; len];
            k.push(0);
            keys.push(k);
        }
        // increasing: all in the tip
        keys.sort();
        let seen = against_oracle(&keys);
        assert!(seen.runs.is_empty() && seen.pending.is_empty());
        // the same keys, most out of order
        keys.reverse();
        against_oracle(&keys);
        let mut rng = Rng(7);
        let mut shuffled = keys.clone();
        for i in (1..shuffled.len()).rev() {
            shuffled.swap(i, rng.below(i as u64 + 1) as usize);
        }
        shuffled.extend(keys);
        against_oracle(&shuffled);
    }

    #[test]
    fn keys_longer_than_a_segment() {
        let big = |c: u8, n: usize| vec![c; n];
        let keys = vec![
            big(b'b', 10),
            big(b'b', SEGMENT + 10),
            big(b'c', 3),
            big(b'a', 2 * SEGMENT),
            big(b'b', SEGMENT + 11),
            big(b'b', 10),
            big(b'a', 2 * SEGMENT),
        ];
        against_oracle(&keys);
    }

    #[test]
    fn a_repeat_right_after_a_merge_is_found() {
        let mut seen = Seen::new();
        assert_eq!(seen.first_line_or_insert(&id(9_999_999), 1), None);
        // two runs' worth of keys out of order, so they are written and merged
        let mut line = 2;
        let mut last = Vec::new();
        for n in (0..2 * PENDING as u64).rev() {
            last = id(n * 2);
            assert_eq!(seen.first_line_or_insert(&last, line), None);
            line += 1;
        }
        assert_eq!(seen.runs.len(), 1, "the two runs merged");
        assert!(seen.pending.is_empty());
        assert_eq!(seen.first_line_or_insert(&last, line), Some(line - 1));
        assert_eq!(seen.first_line_or_insert(&id(2), line), Some(line - 2));
        assert_eq!(
            seen.first_line_or_insert(&id(2 * (2 * PENDING as u64 - 1)), 0),
            Some(2)
        );
        assert_eq!(seen.first_line_or_insert(&id(1), line), None);
        assert_eq!(seen.first_line_or_insert(&id(9_999_999), 0), Some(1));
    }

    #[test]
    fn a_run_s_filter_lets_few_keys_it_does_not_hold_through() {
        let mut run = Run::filtered(PENDING as u64);
        for n in 0..PENDING as u64 {
            run.push(&id(2 * n), n);
        }
        assert!((0..PENDING as u64).all(|n| run.may_hold(hash(&id(2 * n)))));
        let through = (0..PENDING as u64)
            .filter(|n| run.may_hold(hash(&id(2 * n + 1))))
            .count();
        assert!(through < PENDING / 20, "{through} of {PENDING}");
    }

    #[test]
    fn common_prefixes_of_any_length() {
        let mut rng = Rng(3);
        for _ in 0..5000 {
            let n = rng.below(40) as usize;
            let a: Vec<u8> = (0..n).map(|_| rng.below(3) as u8).collect();
            let mut b = a.clone();
            b.truncate(rng.below(n as u64 + 1) as usize);
            if rng.below(2) == 0 {
                b.push(rng.below(3) as u8);
            }
            let naive = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
            assert_eq!(common_prefix(&a, &b), naive, "{a:?} {b:?}");
            assert_eq!(common_prefix(&b, &a), naive, "{a:?} {b:?}");
        }
    }

    #[test]
    fn the_first_line_is_kept() {
        let mut seen = Seen::new();
        assert_eq!(seen.first_line_or_insert(b"k", 5), None);
        assert_eq!(seen.first_line_or_insert(b"k", 9), Some(5));
        assert_eq!(seen.first_line_or_insert(b"k", 12), Some(5));
        assert_eq!(seen.first_line_or_insert(b"j", 20), None);
        assert_eq!(seen.first_line_or_insert(b"j", 30), Some(20));
        assert_eq!(seen.first_line_or_insert(b"k", 40), Some(5));
    }

    #[test]
    fn lines_far_apart_in_both_directions() {
        let mut run = Run::default();
        let lines = [u64::MAX, 0, 1 << 63, 3, u64::MAX - 1, 1];
        for (i, &l) in lines.iter().enumerate() {
            run.push(&id(i as u64), l);
        }
        for (i, &l) in lines.iter().enumerate() {
            let k = id(i as u64);
            assert_eq!(run.find(&k, hash(&k)), Some(l));
        }
        let mut d = Drain::new(run);
        for (i, &l) in lines.iter().enumerate() {
            assert!(d.advance());
            assert_eq!((d.key.clone(), d.line), (id(i as u64), l));
        }
        assert!(!d.advance());
    }
}
