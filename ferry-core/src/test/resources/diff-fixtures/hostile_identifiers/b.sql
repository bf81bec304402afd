CREATE SCHEMA "Evil""Schema";
CREATE TYPE "Evil""Schema"."Ré""sult" AS ENUM ('no;pe', 'o''k');
CREATE TABLE "Evil""Schema"."x""; DROP TABLE y; --" ("Id" bigint PRIMARY KEY, "naïve column" varchar(10),
    "new ""col""" "Evil""Schema"."Ré""sult" DEFAULT 'o''k');
CREATE TABLE "Evil""Schema"."Child" ("ref" bigint CONSTRAINT "fk""; --" REFERENCES "Evil""Schema"."x""; DROP TABLE y; --" ("Id"));
CREATE VIEW "Evil""Schema"."Vue ünïcödé" AS SELECT "Id", "naïve column" FROM "Evil""Schema"."x""; DROP TABLE y; --";
CREATE INDEX "idx; DROP" ON "Evil""Schema"."Child" ("ref");
COMMENT ON TABLE "Evil""Schema"."Child" IS 'it''s; fine';
