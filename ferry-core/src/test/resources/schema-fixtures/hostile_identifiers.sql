-- Names that break any tool that does not quote: quotes, semicolons, comment markers, mixed case,
-- dots, spaces and non-ASCII letters.
CREATE SCHEMA "Weird.Schema";

CREATE TABLE "evil""role" (
    "x""; DROP TABLE t; --" integer PRIMARY KEY,
    "MixedCase" text DEFAULT 'it''s; fine',
    "naïve café ☕" text
);

CREATE TABLE "Weird.Schema"."Ünïcödé Tablé" (
    id serial PRIMARY KEY,
    "evil ref" integer REFERENCES "evil""role" ("x""; DROP TABLE t; --"),
    "a.b" text CHECK ("a.b" <> ';--')
);

CREATE INDEX "idx; DROP" ON "Weird.Schema"."Ünïcödé Tablé" ("a.b");

CREATE TYPE "Weird.Schema"."mood""s" AS ENUM ('it''s ok', 'O''Neil', 'semi;colon');

CREATE VIEW "Weird.Schema"."view ""quoted""" AS
    SELECT "x""; DROP TABLE t; --" AS "col""umn" FROM "evil""role";

COMMENT ON TABLE "evil""role" IS 'a comment with ''quotes'' and; semicolons';
COMMENT ON COLUMN "evil""role"."MixedCase" IS 'Ünïcödé comment';

CREATE FUNCTION "Weird.Schema"."f()"""("a b" integer) RETURNS integer
    LANGUAGE sql IMMUTABLE AS $$ SELECT "a b" + 1 $$;
