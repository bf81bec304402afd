CREATE TABLE word (w text);
CREATE FUNCTION add_len(integer, text) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + length($2)';
CREATE AGGREGATE total_len(text) (SFUNC = add_len, STYPE = integer, INITCOND = '100');
COMMENT ON AGGREGATE total_len(text) IS 'letters, from 100';
CREATE VIEW word_stats AS SELECT total_len(w) AS letters FROM word;
CREATE AGGREGATE biggest(integer) (SFUNC = int4larger, STYPE = integer, COMBINEFUNC = int4larger,
    SORTOP = >, PARALLEL = SAFE);
CREATE AGGREGATE all_rows(*) (SFUNC = int8inc, STYPE = bigint, INITCOND = '0');
