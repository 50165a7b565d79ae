//! Finding the bytes that matter to CSV (the delimiter, `"`, `\r`, `\n`) sixteen at a time.
//!
//! A line of a batch file is about 80 bytes with 18 delimiters: searching for each delimiter
//! with its own `memchr` call costs more in set-up than in search. One pass over 16-byte blocks
//! that returns a bit mask of the interesting bytes, read off with `trailing_zeros`, costs about
//! one instruction per byte plus a few per delimiter.

/// What to look for.
#[derive(Clone, Copy)]
pub struct Needles {
    delimiter: u8,
}

impl Needles {
    pub fn new(delimiter: u8) -> Needles {
        Needles { delimiter }
    }

    /// Two masks of the first 16 bytes of `bytes`: bit `i` of the first is set when `bytes[i]`
    /// is the delimiter, of the second when it is `"`, `\r` or `\n`. Kept apart, a field costs
    /// one bit scan and no second look at its byte.
    #[inline]
    pub fn masks(self, bytes: &[u8]) -> (u32, u32) {
        #[cfg(target_arch = "x86_64")]
        if let Some(block) = bytes.first_chunk::<16>() {
            return self.masks16_sse2(block);
        }
        self.masks_scalar(bytes)
    }

    fn masks_scalar(self, bytes: &[u8]) -> (u32, u32) {
        let (mut delimiters, mut specials) = (0, 0);
        for (i, &b) in bytes.iter().take(16).enumerate() {
            if b == self.delimiter {
                delimiters |= 1 << i;
            } else if b == b'"' || b == b'\r' || b == b'\n' {
                specials |= 1 << i;
            }
        }
        (delimiters, specials)
    }

    #[cfg(target_arch = "x86_64")]
    #[inline]
    fn masks16_sse2(self, block: &[u8; 16]) -> (u32, u32) {
        use std::arch::x86_64::{
            _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        };
        // SAFETY: SSE2 is part of every x86_64 target; the load reads exactly the 16 bytes of
        // `block` and has no alignment requirement.
        unsafe {
            let v = _mm_loadu_si128(block.as_ptr().cast());
            let hit = |b: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8));
            let specials = _mm_or_si128(_mm_or_si128(hit(b'"'), hit(b'\r')), hit(b'\n'));
            (
                _mm_movemask_epi8(hit(self.delimiter)) as u32 & 0xFFFF,
                _mm_movemask_epi8(specials) as u32 & 0xFFFF,
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_and_scalar_masks_agree() {
        let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let bytes: Vec<u8> = seed
                .to_le_bytes()
                .iter()
                .chain(seed.rotate_left(29).to_le_bytes().iter())
                .map(|b| match b % 8 {
                    0 => b',',
                    1 => b'"',
                    2 => b'\r',
                    3 => b'\n',
                    4 => b'\t',
                    _ => *b,
                })
                .collect();
            for d in [b',', b'\t', b';'] {
                let n = Needles::new(d);
                assert_eq!(n.masks(&bytes), n.masks_scalar(&bytes), "{bytes:?}");
            }
        }
        let n = Needles::new(b',');
        assert_eq!(n.masks(b"a,b\"c\rd\ne,"), (0b10_0000_0010, 0b1010_1000));
        assert_eq!(
            n.masks(b"a,b\"c\rd\ne,......."),
            (0b10_0000_0010, 0b1010_1000)
        );
        assert_eq!(n.masks(b""), (0, 0));
    }
}
