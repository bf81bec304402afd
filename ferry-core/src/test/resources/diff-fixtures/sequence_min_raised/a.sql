-- A sequence's MINVALUE is raised above its start: the start moves with it in the same statement.
CREATE SEQUENCE invoice_no;
CREATE SEQUENCE order_no MINVALUE 1 MAXVALUE 1000;
