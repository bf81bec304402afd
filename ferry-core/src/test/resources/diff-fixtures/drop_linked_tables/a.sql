-- Tables that reference each other are all dropped: the foreign keys must go before the tables
-- they reference (a referenced table sorts before its referrers by name here on purpose).
CREATE TABLE b (id integer PRIMARY KEY);
CREATE TABLE a (id integer PRIMARY KEY, b_id integer REFERENCES b);
CREATE TABLE c (a_id integer REFERENCES a, b_id integer REFERENCES b);
CREATE TABLE self_ref (id integer PRIMARY KEY, parent integer REFERENCES self_ref);
CREATE TABLE ping (id integer PRIMARY KEY, pong_id integer);
CREATE TABLE pong (id integer PRIMARY KEY, ping_id integer REFERENCES ping);
ALTER TABLE ping ADD FOREIGN KEY (pong_id) REFERENCES pong;
CREATE TABLE kept (id integer PRIMARY KEY);
INSERT INTO kept VALUES (1);
