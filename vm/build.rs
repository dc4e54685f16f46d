// py_freeze! compiles vm/python into the binary at build time; a change
// there must rebuild this crate.
fn main() {
    println!("cargo:rerun-if-changed=python");
}
