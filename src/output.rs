//! Where the command line's outputs go: standard output, or a file written under a temporary
//! name beside it and renamed over it only once complete, so that a failed run leaves the old
//! file (or none), never half of one; and the error naming the output when writing fails.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::i18n::{Lang, Text};

/// How an output is named on the command line for standard output.
pub const STDOUT: &str = "-";

/// What was being done with an output when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Create,
    Write,
    /// Renaming the complete temporary file over the target.
    Replace,
}

/// A failed output: which one (a path, or [`STDOUT`]), at what step, and the system's reason.
#[derive(Debug)]
pub struct WriteError {
    pub target: String,
    pub step: Step,
    pub error: io::Error,
}

impl WriteError {
    pub fn new(target: &str, step: Step, error: io::Error) -> WriteError {
        WriteError {
            target: target.to_string(),
            step,
            error,
        }
    }

    /// Standard output's reader went away (`jixiao … | head`): the run ends quietly.
    pub fn is_closed_stdout(&self) -> bool {
        self.target == STDOUT && self.error.kind() == io::ErrorKind::BrokenPipe
    }

    /// `TARGET: cannot write: REASON`, standard output named in words.
    pub fn render(&self, lang: Lang) -> String {
        let target = match self.target.as_str() {
            STDOUT => Text::new("标准输出", "standard output")
                .get(lang)
                .to_string(),
            t => t.to_string(),
        };
        let e = &self.error;
        let what = match self.step {
            Step::Create => Text::new(format!("无法创建：{e}"), format!("cannot create: {e}")),
            Step::Write => Text::new(format!("无法写出：{e}"), format!("cannot write: {e}")),
            Step::Replace => Text::new(
                format!("无法以写好的临时文件替换：{e}"),
                format!("cannot replace with the finished temporary file: {e}"),
            ),
        };
        format!("{target}: {}", what.get(lang))
    }
}

/// Output buffers: large enough that a batch writes in few system calls.
const BUFFER: usize = 1 << 16;

/// An output: standard output, or a file put in place by [`Output::commit`].
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    File(AtomicFile),
}

impl Output {
    /// Standard output for [`STDOUT`], else the file at `path`.
    pub fn open(path: &str) -> Result<Output, WriteError> {
        if path == STDOUT {
            Ok(Output::Stdout(BufWriter::with_capacity(
                BUFFER,
                io::stdout(),
            )))
        } else {
            AtomicFile::create(path).map(Output::File)
        }
    }

    /// The output as given: a path or [`STDOUT`].
    pub fn target(&self) -> &str {
        match self {
            Output::Stdout(_) => STDOUT,
            Output::File(f) => &f.shown,
        }
    }

    /// Writes out what is buffered and, for a file, makes it durable: after this only the
    /// rename is left, so outputs finished together are put in place together.
    pub fn finish(&mut self) -> Result<(), WriteError> {
        match self {
            Output::Stdout(w) => w
                .flush()
                .map_err(|e| WriteError::new(STDOUT, Step::Write, e)),
            Output::File(f) => f.finish(),
        }
    }

    /// Finishes the output and puts a file in place.
    pub fn commit(mut self) -> Result<(), WriteError> {
        match self {
            Output::Stdout(_) => self.finish(),
            Output::File(f) => f.commit(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::File(f) => f.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(buf),
            Output::File(f) => f.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::File(f) => f.flush(),
        }
    }
}

/// Temporary files made by this process, so that two outputs in one directory never share one.
static MADE: AtomicU32 = AtomicU32::new(0);

/// A file written as `.NAME.jixiao-tmp-PID-N` beside its target and renamed over the target by
/// [`AtomicFile::commit`]; dropped before that, the temporary file is removed and the target
/// is as it was. A target that exists and is not a regular file (a device such as `/dev/null`,
/// a FIFO) is written in place: it cannot be renamed over.
pub struct AtomicFile {
    /// The path as given, for messages.
    shown: String,
    /// What the temporary file is renamed to: the path, or where its symlink points.
    target: PathBuf,
    /// `None` when written in place (or once renamed).
    temp: Option<PathBuf>,
    file: BufWriter<File>,
}

impl AtomicFile {
    pub fn create(path: &str) -> Result<AtomicFile, WriteError> {
        let fail = |e| WriteError::new(path, Step::Create, e);
        let existing = match fs::metadata(path) {
            Ok(m) => Some(m),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(fail(e)),
        };
        let in_place = |file| AtomicFile {
            shown: path.to_string(),
            target: PathBuf::from(path),
            temp: None,
            file: BufWriter::with_capacity(BUFFER, file),
        };
        if existing.as_ref().is_some_and(|m| !m.is_file()) {
            return File::create(path).map(in_place).map_err(fail);
        }
        // a symlink stays: the file it points to is replaced
        let target = match fs::symlink_metadata(path) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(path).map_err(fail)?,
            _ => PathBuf::from(path),
        };
        let Some(name) = target.file_name() else {
            return File::create(path).map(in_place).map_err(fail);
        };
        if existing.is_some() {
            // replaced only where it could have been overwritten: a read-only file stays
            OpenOptions::new().write(true).open(&target).map_err(fail)?;
        }
        let (temp, file) = loop {
            let n = MADE.fetch_add(1, Ordering::Relaxed);
            let mut temp_name = std::ffi::OsString::from(".");
            temp_name.push(name);
            temp_name.push(format!(".jixiao-tmp-{}-{n}", std::process::id()));
            let temp = target.with_file_name(temp_name);
            match OpenOptions::new().write(true).create_new(true).open(&temp) {
                Ok(f) => break (temp, f),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(fail(e)),
            }
        };
        let made = AtomicFile {
            shown: path.to_string(),
            target,
            temp: Some(temp),
            file: BufWriter::with_capacity(BUFFER, file),
        };
        if let Some(m) = existing {
            made.file
                .get_ref()
                .set_permissions(m.permissions())
                .map_err(fail)?;
        }
        Ok(made)
    }

    /// The temporary file beside the target, while there is one.
    pub fn temp_path(&self) -> Option<&Path> {
        self.temp.as_deref()
    }

    /// Flushes the buffer and, for a temporary file, syncs it to disk, so that the rename can
    /// only ever show the complete file, even after a crash.
    pub fn finish(&mut self) -> Result<(), WriteError> {
        let fail = |e| WriteError::new(&self.shown, Step::Write, e);
        self.file.flush().map_err(fail)?;
        if self.temp.is_some() {
            self.file.get_ref().sync_all().map_err(fail)?;
        }
        Ok(())
    }

    /// Finishes the file and renames it over its target.
    pub fn commit(mut self) -> Result<(), WriteError> {
        self.finish()?;
        if let Some(temp) = &self.temp {
            fs::rename(temp, &self.target)
                .map_err(|e| WriteError::new(&self.shown, Step::Replace, e))?;
            self.temp = None;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.file.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(temp) = self.temp.take() {
            let _ = fs::remove_file(temp);
        }
    }
}

/// Whether two output paths name one file (the same path, or both existing and the same file).
pub fn same_file(a: &str, b: &str) -> bool {
    a == b
        || match (fs::canonicalize(a), fs::canonicalize(b)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("jixiao-output-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn entries(d: &Path) -> usize {
        fs::read_dir(d).unwrap().count()
    }

    #[test]
    fn the_target_is_untouched_until_commit_and_replaced_whole_after() {
        let d = dir("commit");
        let target = d.join("out.csv");
        fs::write(&target, "old").unwrap();
        let path = target.to_str().unwrap();
        let mut f = AtomicFile::create(path).unwrap();
        let temp = f.temp_path().unwrap().to_path_buf();
        assert_eq!(temp.parent(), target.parent());
        assert!(
            temp.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with(".out.csv.jixiao-tmp-")
        );
        f.write_all(b"new").unwrap();
        f.finish().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        f.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        assert!(!temp.exists());
        assert_eq!(entries(&d), 1);
    }

    #[test]
    fn dropped_before_commit_the_temporary_file_goes_and_the_old_file_stays() {
        let d = dir("drop");
        let target = d.join("out.csv");
        fs::write(&target, "old").unwrap();
        let mut f = AtomicFile::create(target.to_str().unwrap()).unwrap();
        f.write_all(b"half").unwrap();
        f.finish().unwrap();
        assert_eq!(entries(&d), 2);
        drop(f);
        assert_eq!(fs::read_to_string(&target).unwrap(), "old");
        assert_eq!(entries(&d), 1);
    }

    #[test]
    fn two_files_for_one_target_get_two_temporary_names() {
        let d = dir("two");
        let path = d.join("out.csv");
        let a = AtomicFile::create(path.to_str().unwrap()).unwrap();
        let b = AtomicFile::create(path.to_str().unwrap()).unwrap();
        assert_ne!(a.temp_path(), b.temp_path());
    }

    #[test]
    fn a_missing_directory_is_named_with_the_target() {
        let e = AtomicFile::create("/nonexistent-dir/out.csv")
            .err()
            .unwrap();
        assert_eq!(e.step, Step::Create);
        assert!(
            e.render(Lang::En)
                .starts_with("/nonexistent-dir/out.csv: cannot create: ")
        );
    }

    #[test]
    fn standard_output_is_named_in_words() {
        let e = WriteError::new(STDOUT, Step::Write, io::ErrorKind::BrokenPipe.into());
        assert!(e.is_closed_stdout());
        assert!(e.render(Lang::Zh).starts_with("标准输出: 无法写出："));
        assert!(
            e.render(Lang::En)
                .starts_with("standard output: cannot write: ")
        );
        let e = WriteError::new("x.csv", Step::Write, io::ErrorKind::BrokenPipe.into());
        assert!(!e.is_closed_stdout());
    }
}
