pub mod vcc;

pub fn main() -> i32 {
    0
}
