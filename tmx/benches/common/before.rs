//! The same small reading driver built twice, against the tmx crate as it
//! is now and as it was at an earlier commit, so a bench can put the two
//! side by side in one run. The earlier crate is taken with `git archive`
//! into the bench's own folder under `target/`; no checkout is touched.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The commit "before" means by default: the start of session 2.
pub const BEFORE: &str = "9c3d908";

/// The commit to compare with: `TMX_BEFORE_REV`, else [`BEFORE`].
pub fn before_rev() -> String {
    std::env::var("TMX_BEFORE_REV").unwrap_or_else(|_| BEFORE.to_string())
}

const DRIVER: &str = r#"fn main() {
    let path = std::env::args().nth(1).expect("a TMX file");
    let result = (|| -> tmx::Result<(u64, u64)> {
        let mut reader = tmx::Reader::from_path(&path)?;
        let mut tu = tmx::Tu::default();
        let mut units = 0;
        while reader.read_tu(&mut tu)? {
            units += 1;
        }
        Ok((units, reader.warning_count()))
    })();
    match result {
        Ok((units, warnings)) => println!("ok: {units} units, {warnings} warnings"),
        Err(e) => {
            let e = e.to_string();
            let short: String = e.chars().take(90).collect();
            println!("error: {short}");
        }
    }
}
"#;

/// The driver binaries: `before` is None when the earlier crate could not
/// be taken from git or built (the reason is printed).
pub struct Drivers {
    pub before: Option<PathBuf>,
    pub after: PathBuf,
}

/// Builds both drivers (release) under `work`, sharing one target folder.
pub fn drivers(work: &Path) -> Drivers {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let repo = here.parent().expect("tmx sits in the repository");
    let target = work.join("target");
    let after = build(work, "after", here, &repo.join("Cargo.lock"), &target)
        .expect("the driver builds against the current tmx crate");
    let rev = before_rev();
    let name = format!("before-{rev}");
    let before = take_before(work, repo, &rev)
        .and_then(|(tree, lock)| build(work, &name, &tree.join("tmx"), &lock, &target));
    Drivers { before, after }
}

/// Extracts the tmx crate and the workspace manifest of `rev`; the
/// manifest keeps only its `[workspace…]` tables, which the crate inherits.
fn take_before(work: &Path, repo: &Path, rev: &str) -> Option<(PathBuf, PathBuf)> {
    let tree = work.join(format!("src-{rev}"));
    if !tree.join("tmx/Cargo.toml").exists() {
        std::fs::create_dir_all(&tree).ok()?;
        let archive = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args([
                "archive",
                "--format=tar",
                BEFORE,
                "Cargo.toml",
                "Cargo.lock",
                "tmx",
            ])
            .output()
            .ok()
            .filter(|o| o.status.success());
        let Some(archive) = archive else {
            println!("(no {rev} in git here: the before column is left out)");
            return None;
        };
        let mut tar = Command::new("tar")
            .arg("-x")
            .arg("-C")
            .arg(&tree)
            .stdin(Stdio::piped())
            .spawn()
            .ok()?;
        std::io::Write::write_all(tar.stdin.as_mut()?, &archive.stdout).ok()?;
        tar.wait().ok()?.success().then_some(())?;
        let manifest = std::fs::read_to_string(tree.join("Cargo.toml")).ok()?;
        let workspace = manifest.split("\n[package]").next()?.to_string();
        std::fs::write(tree.join("Cargo.toml"), workspace).ok()?;
    }
    let lock = tree.join("Cargo.lock");
    Some((tree, lock))
}

/// Writes the driver crate `tmx-driver-NAME` depending on the tmx crate at
/// `tmx`, with `lock` for the same dependency versions, and builds it.
fn build(work: &Path, name: &str, tmx: &Path, lock: &Path, target: &Path) -> Option<PathBuf> {
    let dir = work.join(format!("driver-{name}"));
    std::fs::create_dir_all(dir.join("src")).ok()?;
    let manifest = format!(
        "[package]\nname = \"tmx-driver-{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ntmx = {{ path = {:?} }}\n\n[workspace]\n",
        tmx.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).ok()?;
    std::fs::write(dir.join("src/main.rs"), DRIVER).ok()?;
    if !dir.join("Cargo.lock").exists() {
        let _ = std::fs::copy(lock, dir.join("Cargo.lock"));
    }
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["build", "--release", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .status()
        .ok()?;
    if !status.success() {
        println!("(the {name} driver did not build: its column is left out)");
        return None;
    }
    Some(target.join(format!("release/tmx-driver-{name}")))
}

/// One run of a driver.
pub struct Run {
    pub wall: f64,
    /// User + system seconds, when `/usr/bin/time` said.
    pub cpu: Option<f64>,
    pub peak_mb: Option<f64>,
    /// What the driver printed ("ok: …" or "error: …"), or "killed".
    pub outcome: String,
    pub killed: bool,
}

/// Runs `exe FILE` under `/usr/bin/time`, killed after `timeout`.
pub fn run(exe: &Path, file: &Path, timeout: Duration) -> Run {
    use std::os::unix::process::CommandExt;
    let stats = std::env::temp_dir().join(format!("tmx-bench-time-{}", std::process::id()));
    let _ = std::fs::remove_file(&stats);
    let mut child = Command::new("/usr/bin/time")
        .arg("-f")
        .arg("%e %U %S %M")
        .arg("-o")
        .arg(&stats)
        .arg(exe)
        .arg(file)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .expect("/usr/bin/time runs");
    let start = Instant::now();
    let mut killed = false;
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > timeout {
            // The whole group: /usr/bin/time and the driver under it.
            let _ = Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", child.id())])
                .status();
            killed = true;
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let wall = start.elapsed().as_secs_f64();
    let mut out = String::new();
    if let Some(mut stdout) = child.stdout.take() {
        let _ = std::io::Read::read_to_string(&mut stdout, &mut out);
    }
    let fields: Vec<f64> = std::fs::read_to_string(&stats)
        .unwrap_or_default()
        .lines()
        .last()
        .unwrap_or("")
        .split_whitespace()
        .filter_map(|v| v.parse().ok())
        .collect();
    let _ = std::fs::remove_file(&stats);
    let (cpu, peak_mb) = match fields.as_slice() {
        [_, user, sys, kb] if !killed => (Some(user + sys), Some(kb / 1024.0)),
        _ => (None, None),
    };
    Run {
        wall,
        cpu,
        peak_mb,
        outcome: if killed {
            "killed".to_string()
        } else {
            out.trim().to_string()
        },
        killed,
    }
}
