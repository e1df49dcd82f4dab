-- The fact table's primary key (sold_at, sale_id) already orders its rows by time, and PostgreSQL reads a B-tree
-- backwards as fast as forwards: index sale_sold_at_idx (sold_at DESC, sale_id DESC) served nothing the key does
-- not (the sales list newest first, any range of time), and cost every loaded sale one more index entry.
DROP INDEX sale_sold_at_idx;
