CREATE TABLE ticket (id serial PRIMARY KEY, title text, number bigserial);
CREATE SEQUENCE ticket_legacy_no_seq AS integer;
CREATE TABLE archive (legacy_no integer DEFAULT nextval('ticket_legacy_no_seq'));
CREATE SEQUENCE free_seq;
CREATE TABLE invoice (no integer DEFAULT nextval('free_seq'));
ALTER SEQUENCE free_seq OWNED BY invoice.no;
