//! Putting a finished workbook in place all at once: the bytes go to a temporary file
//! in the target's folder, which is then renamed over the target. A failure half-way
//! (a full disk, a killed process) leaves the old file, or none, never half of a new
//! one that Excel would call corrupt.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path`, replacing it atomically.
pub(crate) fn save(path: &Path, bytes: &[u8]) -> Result<()> {
    let failed = |source: std::io::Error| Error::Io {
        action: "write",
        path: path.to_path_buf(),
        source,
    };
    // The same folder, so that the rename stays on one file system.
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".oversight-").suffix(".xlsx.tmp");
    // A temporary file is private (0600) by default; the workbook gets the usual
    // permissions of a new file, as `std::fs::write` would give it (less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(folder).map_err(failed)?;
    file.write_all(bytes).map_err(failed)?;
    file.as_file().sync_all().map_err(failed)?;
    // On failure the temporary file is dropped, and so removed.
    file.persist(path).map_err(|e| failed(e.error))?;
    Ok(())
}
