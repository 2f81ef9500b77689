fn main() {
    // stdlib/ is embedded with include_dir!: rebuild when a module is added or edited.
    println!("cargo:rerun-if-changed=stdlib");
    // so are the message catalogs
    println!("cargo:rerun-if-changed=locales");
}
