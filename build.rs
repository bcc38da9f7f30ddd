// Embedded lessons and quizzes: rebuild when a file is added, not only when one changes
// (include_dir alone misses new files).
fn main() {
    println!("cargo:rerun-if-changed=content");
    println!("cargo:rerun-if-changed=quizzes");
}
