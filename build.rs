fn main() {
    // stdlib/ is embedded with include_dir!: rebuild when a module is added or edited.
    println!("cargo:rerun-if-changed=stdlib");
}
