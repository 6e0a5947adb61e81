-- Sort keys become compact (one byte a letter instead of four hex digits and a case digit;
-- lots_domain::collation::sort_key). The order they give is the same. Lots recomputes every
-- stored key in this migration's transaction (migrate.rs), since SQL cannot.
SELECT 1;
