//! `cargo xtask release`: the Debian package and the OCI image, built from the files in
//! `packaging/` and one `carepath` binary (decision 0071).
//!
//! The package is assembled in a folder and built with Debian's `dpkg-deb`; the image is
//! an OCI image layout in a tar file (`podman load`, `skopeo copy oci-archive:...`,
//! `docker load`), its one layer written with the `tar` crate so that owners and modes are
//! set without root: the binary, the C libraries it links (from this machine, found with
//! `ldd`), CA certificates, the configuration and a service user.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};
use sha2::{Digest, Sha256};

/// The service user's id in the image (the package makes a system user instead).
const IMAGE_UID: u64 = 10001;

/// What a release produced.
#[derive(Debug)]
pub struct Built {
    pub deb: PathBuf,
    pub image: PathBuf,
}

/// The version from the workspace's manifest.
fn version(root: &Path) -> anyhow::Result<String> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    manifest
        .lines()
        .skip_while(|l| l.trim() != "[workspace.package]")
        .find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == "version").then(|| v.trim().trim_matches('"').to_owned())
        })
        .context("no version in [workspace.package]")
}

fn output(cmd: &mut Command, what: &str) -> anyhow::Result<String> {
    let out = cmd
        .output()
        .with_context(|| format!("cannot start {what}"))?;
    if !out.status.success() {
        bail!("{what} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// How hard to compress: a release's best, or quickly (the tests' package of the debug
/// binary, which is eight times larger and read once).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    Best,
    Fast,
}

/// Builds both artefacts from `binary` into `out`.
pub fn release(
    root: &Path,
    binary: &Path,
    out: &Path,
    compression: Compression,
) -> anyhow::Result<Built> {
    let version = version(root)?;
    let commit = output(Command::new(binary).arg("--version"), "carepath --version")?;
    std::fs::create_dir_all(out)?;
    let deb = debian_package(root, binary, out, &version, compression)?;
    let image = oci_image(root, binary, out, &version, &commit, compression)?;
    Ok(Built { deb, image })
}

fn put(path: &Path, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    Ok(())
}

fn debian_package(
    root: &Path,
    binary: &Path,
    out: &Path,
    version: &str,
    compression: Compression,
) -> anyhow::Result<PathBuf> {
    let arch = output(
        Command::new("dpkg").arg("--print-architecture"),
        "dpkg --print-architecture (Debian's dpkg)",
    )?;
    let tree = out.join("deb");
    if tree.exists() {
        std::fs::remove_dir_all(&tree)?;
    }
    let packaging = root.join("packaging");
    put(
        &tree.join("usr/bin/carepath"),
        &std::fs::read(binary)?,
        0o755,
    )?;
    put(
        &tree.join("lib/systemd/system/carepath.service"),
        &std::fs::read(packaging.join("carepath.service"))?,
        0o644,
    )?;
    put(
        &tree.join("etc/carepath/carepath.toml"),
        &std::fs::read(packaging.join("carepath.toml"))?,
        0o640,
    )?;
    for doc in ["operating.md", "configuration.md", "contracts.md"] {
        put(
            &tree.join("usr/share/doc/carepath").join(doc),
            &std::fs::read(root.join("docs").join(doc))?,
            0o644,
        )?;
    }
    put(
        &tree.join("usr/share/doc/carepath/copyright"),
        &std::fs::read(root.join("LICENSE"))?,
        0o644,
    )?;
    for script in ["postinst", "prerm", "postrm"] {
        put(
            &tree.join("DEBIAN").join(script),
            &std::fs::read(packaging.join("debian").join(script))?,
            0o755,
        )?;
    }
    put(
        &tree.join("DEBIAN/conffiles"),
        b"/etc/carepath/carepath.toml\n",
        0o644,
    )?;
    let size_kib = std::fs::metadata(binary)?.len() / 1024 + 64;
    let control = format!(
        "Package: carepath\nVersion: {version}\nArchitecture: {arch}\nMaintainer: carepath maintainers <carepath@localhost>\nInstalled-Size: {size_kib}\nDepends: libc6, passwd\nSection: web\nPriority: optional\nDescription: digital treatment programs and home follow-up for hospitals\n carepath runs internet-guided treatment programs, home measurements, messages\n and letters to GPs, with a FHIR API. See /usr/share/doc/carepath/operating.md.\n"
    );
    put(&tree.join("DEBIAN/control"), control.as_bytes(), 0o644)?;
    let deb = out.join(format!("carepath_{version}_{arch}.deb"));
    output(
        Command::new("dpkg-deb")
            .args(["--build", "--root-owner-group"])
            .args(match compression {
                Compression::Best => &[][..],
                Compression::Fast => &["-Zgzip", "-z1"][..],
            })
            .arg(&tree)
            .arg(&deb),
        "dpkg-deb --build",
    )?;
    std::fs::remove_dir_all(&tree)?;
    Ok(deb)
}

/// The shared libraries `binary` loads, as `ldd` names them (absolute paths).
fn libraries(binary: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let listed = output(Command::new("ldd").arg(binary), "ldd")?;
    Ok(listed
        .lines()
        .filter_map(|l| {
            let path = match l.split_once("=>") {
                Some((_, right)) => right.split_whitespace().next()?,
                None => l.split_whitespace().next()?,
            };
            path.starts_with('/').then(|| PathBuf::from(path))
        })
        .collect())
}

/// One layer: a tar of files with the owners and modes given, no matter who builds it.
struct Layer {
    tar: tar::Builder<Vec<u8>>,
}

impl Layer {
    fn header(kind: tar::EntryType, mode: u32, uid: u64, size: u64) -> tar::Header {
        let mut h = tar::Header::new_gnu();
        h.set_entry_type(kind);
        h.set_mode(mode);
        h.set_uid(uid);
        h.set_gid(uid);
        h.set_mtime(0);
        h.set_size(size);
        h
    }

    fn dir(&mut self, path: &str, mode: u32, uid: u64) -> anyhow::Result<()> {
        let mut h = Self::header(tar::EntryType::Directory, mode, uid, 0);
        self.tar.append_data(&mut h, path, std::io::empty())?;
        Ok(())
    }

    fn file(&mut self, path: &str, bytes: &[u8], mode: u32) -> anyhow::Result<()> {
        let mut h = Self::header(tar::EntryType::Regular, mode, 0, bytes.len() as u64);
        self.tar.append_data(&mut h, path, bytes)?;
        Ok(())
    }
}

fn sha256(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

fn oci_image(
    root: &Path,
    binary: &Path,
    out: &Path,
    version: &str,
    commit: &str,
    compression: Compression,
) -> anyhow::Result<PathBuf> {
    let mut layer = Layer {
        tar: tar::Builder::new(Vec::new()),
    };
    let mut dirs: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    let mut parents = |layer: &mut Layer, path: &str| -> anyhow::Result<()> {
        let mut at = String::new();
        for part in path.split('/').filter(|p| !p.is_empty()) {
            if !at.is_empty() {
                at.push('/');
            }
            at.push_str(part);
            if at.len() < path.trim_matches('/').len() && dirs.insert(at.clone()) {
                layer.dir(&at, 0o755, 0)?;
            }
        }
        Ok(())
    };
    let mut file = |layer: &mut Layer, path: &str, bytes: &[u8], mode: u32| -> anyhow::Result<()> {
        parents(layer, path)?;
        layer.file(path, bytes, mode)
    };
    file(
        &mut layer,
        "usr/bin/carepath",
        &std::fs::read(binary)?,
        0o755,
    )?;
    for lib in libraries(binary)? {
        let bytes = std::fs::read(&lib).with_context(|| format!("reading {}", lib.display()))?;
        let path = lib.to_string_lossy().trim_start_matches('/').to_owned();
        file(&mut layer, &path, &bytes, 0o755)?;
    }
    let certs = Path::new("/etc/ssl/certs/ca-certificates.crt");
    if certs.exists() {
        file(
            &mut layer,
            "etc/ssl/certs/ca-certificates.crt",
            &std::fs::read(certs)?,
            0o644,
        )?;
    }
    file(
        &mut layer,
        "etc/passwd",
        format!("root:x:0:0:root:/root:/usr/sbin/nologin\ncarepath:x:{IMAGE_UID}:{IMAGE_UID}:carepath service:/var/lib/carepath:/usr/sbin/nologin\n").as_bytes(),
        0o644,
    )?;
    file(
        &mut layer,
        "etc/group",
        format!("root:x:0:\ncarepath:x:{IMAGE_UID}:\n").as_bytes(),
        0o644,
    )?;
    file(
        &mut layer,
        "etc/carepath/carepath.toml",
        &std::fs::read(root.join("packaging/carepath.toml"))?,
        0o644,
    )?;
    layer.dir("tmp", 0o1777, 0)?;
    layer.dir("var", 0o755, 0)?;
    layer.dir("var/lib", 0o755, 0)?;
    layer.dir("var/lib/carepath", 0o700, IMAGE_UID)?;
    layer.dir("var/lib/carepath/data", 0o700, IMAGE_UID)?;
    let tar = layer.tar.into_inner()?;
    let diff_id = sha256(&tar);
    let level = match compression {
        Compression::Best => flate2::Compression::best(),
        Compression::Fast => flate2::Compression::fast(),
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), level);
    gz.write_all(&tar)?;
    let gz = gz.finish()?;

    let config = serde_json::json!({
        "architecture": std::env::consts::ARCH.replace("x86_64", "amd64").replace("aarch64", "arm64"),
        "os": "linux",
        "config": {
            "User": format!("{IMAGE_UID}:{IMAGE_UID}"),
            "Env": [
                "CAREPATH_CONFIG=/etc/carepath/carepath.toml",
                "CAREPATH_ADDR=0.0.0.0:8080",
            ],
            "Entrypoint": ["/usr/bin/carepath"],
            "Cmd": ["serve"],
            "ExposedPorts": {"8080/tcp": {}},
            "Volumes": {"/var/lib/carepath": {}},
            "WorkingDir": "/var/lib/carepath",
            "Labels": {
                "org.opencontainers.image.title": "carepath",
                "org.opencontainers.image.version": version,
                "org.opencontainers.image.description": commit,
            },
        },
        "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    });
    let config = serde_json::to_vec(&config)?;
    let manifest = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": sha256(&config),
            "size": config.len(),
        },
        "layers": [{
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": sha256(&gz),
            "size": gz.len(),
        }],
    }))?;
    let index = serde_json::to_vec(&serde_json::json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [{
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": sha256(&manifest),
            "size": manifest.len(),
            "annotations": {"org.opencontainers.image.ref.name": format!("carepath:{version}")},
        }],
    }))?;
    let image = out.join(format!("carepath-{version}-oci.tar"));
    let mut archive = Layer {
        tar: tar::Builder::new(Vec::new()),
    };
    archive.file("oci-layout", br#"{"imageLayoutVersion":"1.0.0"}"#, 0o644)?;
    archive.dir("blobs", 0o755, 0)?;
    archive.dir("blobs/sha256", 0o755, 0)?;
    archive.file("index.json", &index, 0o644)?;
    for blob in [&gz, &config, &manifest] {
        let digest = sha256(blob);
        let name = format!("blobs/sha256/{}", digest.trim_start_matches("sha256:"));
        archive.file(&name, blob, 0o644)?;
    }
    std::fs::write(&image, archive.tar.into_inner()?)?;
    Ok(image)
}
