CREATE TABLE one (a integer, b integer);
CREATE TABLE two (a integer, b integer);
CREATE INDEX by_a ON two (a);
CREATE INDEX gone_x ON one (b);
CREATE INDEX gone_key ON two (b);
