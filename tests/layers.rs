//! The layers of ARCHITECTURE.md hold: `scripts/import_graph.py --check` finds no module that
//! imports one on its own layer or above, no import circle, no view importing what reads files,
//! no ratatui or crossterm below the views and no clap outside the command line. python3 is on
//! every machine CI runs on; without it this test fails.

use std::process::Command;

#[test]
fn no_module_imports_one_on_its_layer_or_above() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new("python3")
        .arg(format!("{root}/scripts/import_graph.py"))
        .arg("--check")
        .current_dir(root)
        .output()
        .expect("python3 runs scripts/import_graph.py (python3 must be installed)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "import_graph.py --check failed ({}):\n{stdout}{stderr}",
        output.status
    );
    assert!(
        stdout.contains("no import circle"),
        "the check printed no verdict:\n{stdout}{stderr}"
    );
}
