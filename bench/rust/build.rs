//! Compiles the C side of the benchmark (c/bench.c) with `cc` (or `$CC`) into a static
//! library; its calls to libmath resolve against the same libmath.a that asmmath-sys links.

use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=c/bench.c");
    println!("cargo::rerun-if-env-changed=CC");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets it"));
    let include = env::var_os("DEP_MATH_INCLUDE").expect("asmmath-sys names its header folder");
    let object = out.join("bench.o");
    let cc = env::var_os("CC").unwrap_or_else(|| "cc".into());
    let status = Command::new(cc)
        .args([
            "-c", "-O2", "-fPIC", "-std=c11", "-Wall", "-Wextra", "-Werror", "-I",
        ])
        .arg(include)
        .arg("c/bench.c")
        .arg("-o")
        .arg(&object)
        .status()
        .expect("a C compiler (cc, or $CC)");
    assert!(status.success(), "cc failed on c/bench.c");
    let library = out.join("libcbench.a");
    std::fs::remove_file(&library).ok();
    let status = Command::new("ar")
        .arg("crs")
        .arg(&library)
        .arg(&object)
        .status()
        .expect("ar");
    assert!(status.success(), "ar failed");
    println!("cargo::rustc-link-search=native={}", out.display());
    println!("cargo::rustc-link-lib=static=cbench");
}
