//! The fields of a book's record that the model files and corrects by. They are domain types:
//! the back office, the events and the catalogs use them, and the language parses into them.

/// Which field of a book's record `revise` corrects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum RevisedField {
    Title,
    Author,
}

impl RevisedField {
    pub fn word(self) -> &'static str {
        self.into()
    }
}

/// The field a catalog files its cards by. `Book` is the shelf's: one drawer per book id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Field {
    Title,
    Author,
    Subject,
    Patron,
    Status,
    Book,
}

impl Field {
    /// The fields `add-catalog` accepts.
    pub const ADDABLE: [Field; 5] = [
        Field::Title,
        Field::Author,
        Field::Subject,
        Field::Patron,
        Field::Status,
    ];

    pub fn word(self) -> &'static str {
        self.into()
    }
}
