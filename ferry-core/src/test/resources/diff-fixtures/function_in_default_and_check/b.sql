CREATE FUNCTION next_code() RETURNS text LANGUAGE sql VOLATILE AS $$SELECT 'c' || (SELECT count(*) FROM item)$$;
CREATE FUNCTION max_price() RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT 1000';
CREATE FUNCTION norm(t text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower(t)';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.code := norm(NEW.code); RETURN NEW; END$$;
CREATE TABLE item (id integer PRIMARY KEY, price numeric CHECK (price <= max_price()),
    code text DEFAULT next_code());
CREATE INDEX item_code_norm ON item (norm(code));
CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION touch();
CREATE TABLE old_item (id integer CHECK (id < max_price()));
