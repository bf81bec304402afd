-- Sequences and their OWNED BY (migra#133): a serial whose sequence is kept when its column goes,
-- a free sequence that becomes owned, a new serial, a table dropped with its own serial.
CREATE TABLE ticket (id serial PRIMARY KEY, legacy_no serial, title text);
CREATE SEQUENCE free_seq;
CREATE TABLE invoice (no integer DEFAULT nextval('free_seq'));
CREATE TABLE gone (id serial);
