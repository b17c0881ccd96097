//! A library user (`tests/lib-consumer`, `default-features = false`) gets
//! none of the CLI's dependencies.

use crate::util::repo_root;
use std::process::Command;

/// The CLI-only crates a library user must never see.
const CLI_ONLY: [&str; 4] = ["clap", "anyhow", "indicatif", "tempfile"];

/// Crate names in `cargo tree` output (`│   ├── clap v4.5.1` → `clap`).
fn crate_names(tree: &str) -> Vec<String> {
    tree.lines()
        .filter_map(|line| {
            let start = line.find(|c: char| c.is_ascii_alphanumeric())?;
            let name = line[start..].split_whitespace().next()?;
            Some(name.to_string())
        })
        .collect()
}

/// The dependency tree of a manifest, offline, for the host's normal builds.
fn cargo_tree(manifest: &std::path::Path) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let out = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "--edges",
            "normal",
            "--prefix",
            "indent",
        ])
        .arg("--manifest-path")
        .arg(manifest)
        // Its own lock file and target folder, never the repository's.
        .env(
            "CARGO_TARGET_DIR",
            std::env::temp_dir().join("tmalign-lib-consumer"),
        )
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn cli_dependencies_stay_out_of_a_library_build() {
    let manifest = repo_root().join("tests/lib-consumer/Cargo.toml");
    let tree = cargo_tree(&manifest);
    let names = crate_names(&tree);
    assert!(names.iter().any(|n| n == "tmalign"), "{tree}");
    assert!(names.iter().any(|n| n == "tmx"), "{tree}");
    let found: Vec<&str> = CLI_ONLY
        .into_iter()
        .filter(|c| names.iter().any(|n| n == c))
        .collect();
    assert!(found.is_empty(), "a library user gets {found:?}:\n{tree}");
}

/// The check above can fail: the binary's own tree (default features) holds
/// every one of them.
#[test]
fn the_cli_build_has_the_dependencies_the_library_leaves_out() {
    let names = crate_names(&cargo_tree(&repo_root().join("Cargo.toml")));
    for c in CLI_ONLY {
        assert!(
            names.iter().any(|n| n == c),
            "{c} missing from the CLI's tree"
        );
    }
}

#[test]
fn crate_names_reads_indented_trees() {
    let names =
        crate_names("lib-consumer v0.1.0 (/x)\n    tmalign v0.1.0 (/y)\n        clap v4.5.1\n");
    assert_eq!(names, ["lib-consumer", "tmalign", "clap"]);
}
