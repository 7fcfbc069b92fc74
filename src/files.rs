//! Reading and writing whole files, with the path in the error: every loader and
//! exporter goes through these two.

use std::path::Path;

use crate::error::{Error, Result};

/// The bytes of the file at `path`.
pub(crate) fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        action: "read",
        path: path.to_path_buf(),
        source,
    })
}

/// Writes `contents` to the file at `path`, replacing it.
pub(crate) fn write(path: &Path, contents: impl AsRef<[u8]>) -> Result<()> {
    std::fs::write(path, contents).map_err(|source| Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    })
}
