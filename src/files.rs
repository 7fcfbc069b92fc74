//! Reading and writing whole files, with the path in the error: every loader and
//! exporter goes through these two.

use std::path::Path;

use crate::error::{Error, Result};

/// Most bytes read from one file. A province's year is well under 1 MB; the bound is
/// enforced while reading, not from the file's metadata, so that an endless source
/// (`/dev/zero`, a pipe) stops here instead of filling memory.
pub(crate) const MAX_FILE_BYTES: u64 = crate::model::document::MAX_DOCUMENT_BYTES as u64;

/// The bytes of the file at `path`, at most [`MAX_FILE_BYTES`].
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    use std::io::Read;
    let fail = |source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(std::io::Error::other(format!(
            "it holds more than {MAX_FILE_BYTES} bytes, the most this library reads"
        ))));
    }
    Ok(bytes)
}

/// Writes `contents` to the file at `path`, replacing it.
pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, contents).map_err(|source| Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    })
}
