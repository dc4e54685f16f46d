//! Hashes this crate's sources into `PYJIT_IR_SOURCE_HASH`: the code
//! generator, loaded as a library of its own, checks that the executable
//! holds traces of the layout it was built for (`pyjit_ir::abi`).

use std::hash::{DefaultHasher, Hasher};
use std::path::Path;

fn hash_dir(dir: &Path, h: &mut DefaultHasher) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("ir/src").flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            hash_dir(&p, h);
        } else if p.extension().is_some_and(|e| e == "rs") {
            h.write(p.file_name().unwrap().as_encoded_bytes());
            h.write(&std::fs::read(&p).expect("an ir source file"));
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=src");
    let mut h = DefaultHasher::new();
    hash_dir(Path::new("src"), &mut h);
    println!("cargo:rustc-env=PYJIT_IR_SOURCE_HASH={:016x}", h.finish());
}
