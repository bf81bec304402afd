-- Names that only survive when every identifier is quoted: quotes, semicolons, mixed case, unicode.
CREATE SCHEMA "Evil""Schema";
CREATE TABLE "Evil""Schema"."x""; DROP TABLE y; --" ("Id" integer PRIMARY KEY, "naïve column" text, "a;b" int);
CREATE TABLE "Evil""Schema"."Child" ("ref" integer CONSTRAINT "fk""; --" REFERENCES "Evil""Schema"."x""; DROP TABLE y; --" ("Id"));
CREATE VIEW "Evil""Schema"."Vue ünïcödé" AS SELECT "Id", "a;b" FROM "Evil""Schema"."x""; DROP TABLE y; --";
CREATE TYPE "Evil""Schema"."Ré""sult" AS ENUM ('o''k', 'no;pe');
