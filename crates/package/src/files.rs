//! The files of a package, read from a folder or a .zip into memory, with limits that
//! keep a hostile archive from filling memory or escaping its folder.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Component, Path};

/// Largest package accepted, all files together.
const MAX_TOTAL_BYTES: u64 = 512 * 1024 * 1024;
const MAX_FILES: usize = 10_000;

/// The files of a package by relative path with `/` separators.
#[derive(Debug, Clone, Default)]
pub struct PackageFiles {
    files: BTreeMap<String, Vec<u8>>,
}

/// The package could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}: not a readable zip archive: {1}")]
    Zip(String, String),
    #[error("the package is larger than the limit of {} MiB or has more than {MAX_FILES} files", MAX_TOTAL_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("{0}: the path leaves the package folder")]
    UnsafePath(String),
}

impl PackageFiles {
    /// Files from `(path, bytes)` pairs, e.g. a package embedded in the binary.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        Self {
            files: pairs.into_iter().collect(),
        }
    }

    /// Reads a folder or a `.zip` file.
    pub fn read(path: &Path) -> Result<Self, ReadError> {
        let io = |source| ReadError::Io {
            path: path.display().to_string(),
            source,
        };
        let meta = std::fs::metadata(path).map_err(io)?;
        if meta.is_dir() {
            let mut files = Self::default();
            let mut total = 0;
            files.read_dir(path, path, &mut total)?;
            Ok(files)
        } else {
            let file = std::fs::File::open(path).map_err(io)?;
            Self::read_zip(file, &path.display().to_string())
        }
    }

    fn read_dir(&mut self, root: &Path, dir: &Path, total: &mut u64) -> Result<(), ReadError> {
        let io = |source| ReadError::Io {
            path: dir.display().to_string(),
            source,
        };
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(io)?
            .collect::<Result<_, _>>()
            .map_err(io)?;
        entries.sort_by_key(|e| e.file_name());
        for entry in entries {
            let path = entry.path();
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let kind = entry.file_type().map_err(io)?;
            if kind.is_dir() {
                self.read_dir(root, &path, total)?;
            } else if kind.is_file() {
                let bytes = std::fs::read(&path).map_err(|source| ReadError::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                *total += bytes.len() as u64;
                if *total > MAX_TOTAL_BYTES || self.files.len() >= MAX_FILES {
                    return Err(ReadError::TooLarge);
                }
                let rel = path
                    .strip_prefix(root)
                    .map_err(|_| ReadError::UnsafePath(path.display().to_string()))?;
                self.files.insert(slash_path(rel), bytes);
            }
        }
        Ok(())
    }

    fn read_zip(file: std::fs::File, label: &str) -> Result<Self, ReadError> {
        let zip_err = |e: zip::result::ZipError| ReadError::Zip(label.to_owned(), e.to_string());
        let mut archive = zip::ZipArchive::new(file).map_err(zip_err)?;
        if archive.len() > MAX_FILES {
            return Err(ReadError::TooLarge);
        }
        let mut files = BTreeMap::new();
        let mut total = 0u64;
        for i in 0..archive.len() {
            let entry = archive.by_index(i).map_err(zip_err)?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_owned();
            let safe = entry
                .enclosed_name()
                .ok_or_else(|| ReadError::UnsafePath(name.clone()))?;
            let mut bytes = Vec::new();
            // Read at most the remaining budget plus one byte, whatever the header claims.
            let budget = MAX_TOTAL_BYTES - total;
            entry
                .take(budget + 1)
                .read_to_end(&mut bytes)
                .map_err(|source| ReadError::Io {
                    path: name.clone(),
                    source,
                })?;
            total += bytes.len() as u64;
            if total > MAX_TOTAL_BYTES {
                return Err(ReadError::TooLarge);
            }
            let rel = slash_path(&safe);
            if rel
                .split('/')
                .any(|part| part.starts_with('.') || part == "__MACOSX")
            {
                continue;
            }
            files.insert(rel, bytes);
        }
        // Archives made by zipping the folder itself hold one top-level folder: strip it.
        let single_root = files
            .keys()
            .map(|k| k.split_once('/').map(|(root, _)| root.to_owned()))
            .collect::<Option<std::collections::BTreeSet<_>>>()
            .filter(|roots| roots.len() == 1)
            .and_then(|roots| roots.into_iter().next());
        if let Some(root) = single_root.filter(|_| !files.contains_key("program.toml")) {
            let prefix = format!("{root}/");
            files = files
                .into_iter()
                .map(|(k, v)| (k.strip_prefix(&prefix).unwrap_or(&k).to_owned(), v))
                .collect();
        }
        Ok(Self { files })
    }

    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// All files, sorted by path.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Vec<u8>)> {
        self.files.iter().map(|(k, v)| (k.as_str(), v))
    }

    pub fn insert(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    pub fn remove(&mut self, path: &str) -> Option<Vec<u8>> {
        self.files.remove(path)
    }
}

fn slash_path(path: &Path) -> String {
    path.components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}
