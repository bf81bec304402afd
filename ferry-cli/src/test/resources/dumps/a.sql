--
-- PostgreSQL database dump
--

\restrict UqW4hbqodHZHIkamMKBuiMuTwxc3fa42nxPh2a03KRYrsETjdBewXzZLi5iDJq5

-- Dumped from database version 15.19
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: mood; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.mood AS ENUM (
    'happy',
    'sad'
);


ALTER TYPE public.mood OWNER TO postgres;

--
-- Name: status; Type: TYPE; Schema: public; Owner: postgres
--

CREATE TYPE public.status AS ENUM (
    'draft',
    'review',
    'published',
    'retired'
);


ALTER TYPE public.status OWNER TO postgres;

--
-- Name: max_price(); Type: FUNCTION; Schema: public; Owner: postgres
--

CREATE FUNCTION public.max_price() RETURNS numeric
    LANGUAGE sql IMMUTABLE
    AS $$SELECT 100$$;


ALTER FUNCTION public.max_price() OWNER TO postgres;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: diary; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.diary (
    feeling public.mood
);


ALTER TABLE public.diary OWNER TO postgres;

--
-- Name: item; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.item (
    id integer NOT NULL,
    price numeric,
    code text
);


ALTER TABLE public.item OWNER TO postgres;

--
-- Name: old_item; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.old_item (
    id integer,
    CONSTRAINT old_item_id_check CHECK (((id)::numeric < public.max_price()))
);


ALTER TABLE public.old_item OWNER TO postgres;

--
-- Name: post; Type: TABLE; Schema: public; Owner: postgres
--

CREATE TABLE public.post (
    id integer NOT NULL,
    state public.status DEFAULT 'draft'::public.status NOT NULL,
    history public.status[],
    CONSTRAINT not_retired CHECK ((state <> 'retired'::public.status))
);


ALTER TABLE public.post OWNER TO postgres;

--
-- Name: public_post; Type: VIEW; Schema: public; Owner: postgres
--

CREATE VIEW public.public_post AS
 SELECT post.id
   FROM public.post
  WHERE (post.state = 'published'::public.status);


ALTER TABLE public.public_post OWNER TO postgres;

--
-- Data for Name: diary; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.diary (feeling) FROM stdin;
\.


--
-- Data for Name: item; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.item (id, price, code) FROM stdin;
\.


--
-- Data for Name: old_item; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.old_item (id) FROM stdin;
\.


--
-- Data for Name: post; Type: TABLE DATA; Schema: public; Owner: postgres
--

COPY public.post (id, state, history) FROM stdin;
\.


--
-- Name: item item_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.item
    ADD CONSTRAINT item_pkey PRIMARY KEY (id);


--
-- Name: post post_pkey; Type: CONSTRAINT; Schema: public; Owner: postgres
--

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_pkey PRIMARY KEY (id);


--
-- PostgreSQL database dump complete
--

\unrestrict UqW4hbqodHZHIkamMKBuiMuTwxc3fa42nxPh2a03KRYrsETjdBewXzZLi5iDJq5

