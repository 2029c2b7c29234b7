//! Reading a file the user named, safely: only a regular file, never more than a cap.
//!
//! A path can name a named pipe (which blocks the reader until someone writes to it), a
//! device (which may never end) or a socket. Each is refused from its metadata before any
//! open, and the opened file is checked again, so that nothing factmark reads can hang it
//! or fill its memory. Every reader of user files (articles, annotation files, other tools'
//! annotations) goes through [`read`].

use std::io::Read as _;
use std::path::Path;

/// Why a file could not be read. The messages complete "<path>: ".
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("no such file")]
    Missing,
    #[error("is a directory, not a file")]
    Directory,
    #[error("is {0}, not a regular file: factmark reads only regular files")]
    NotRegular(&'static str),
    #[error("is {size} bytes; factmark reads files of up to {} MiB here", max / 1024 / 1024)]
    TooLarge { size: u64, max: u64 },
    #[error("cannot read it: {0}")]
    Io(#[from] std::io::Error),
}

/// What a path names when it is not a regular file.
pub(crate) fn kind(file_type: std::fs::FileType) -> Option<&'static str> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
        if file_type.is_block_device() {
            return Some("a block device");
        }
        if file_type.is_char_device() {
            return Some("a character device");
        }
    }
    if file_type.is_dir() {
        return Some("a directory");
    }
    (!file_type.is_file()).then_some("not a regular file")
}

/// Reads the regular file at `path`, of at most `max` bytes, with its metadata.
pub fn read(path: &Path, max: u64) -> Result<(Vec<u8>, std::fs::Metadata), ReadError> {
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => ReadError::Missing,
        _ => ReadError::Io(e),
    })?;
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if let Some(kind) = kind(metadata.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    if metadata.len() > max {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            max,
        });
    }
    let file = std::fs::File::open(path)?;
    // Replaced by something else between the look and the open: refuse that too.
    if let Some(kind) = kind(file.metadata()?.file_type()) {
        return Err(ReadError::NotRegular(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0) + 1);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            max,
        });
    }
    Ok((bytes, metadata))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_under_the_cap_are_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hello").expect("write");
        assert_eq!(read(&file, 5).expect("read").0, b"hello");
        assert!(matches!(
            read(&file, 4),
            Err(ReadError::TooLarge { size: 5, max: 4 })
        ));
        assert!(matches!(read(dir.path(), 10), Err(ReadError::Directory)));
        assert!(matches!(
            read(&dir.path().join("none"), 10),
            Err(ReadError::Missing)
        ));
        #[cfg(unix)]
        {
            let device = read(Path::new("/dev/zero"), 10).expect_err("a device");
            assert!(
                device.to_string().contains("a character device"),
                "{device}"
            );
        }
    }
}
