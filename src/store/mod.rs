//! Loading and saving the `.ann.ron` annotation file beside an article.
