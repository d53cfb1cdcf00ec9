-- The store's schema version 3 on PostgreSQL, exactly as the home-made migrator of
-- pleegzorg_lib (before Alembic) created it (metadata.create_all). Frozen: never edit.

CREATE TABLE pz_meta (
	key VARCHAR(64) NOT NULL, 
	value VARCHAR(255) NOT NULL, 
	PRIMARY KEY (key)
);

CREATE TABLE pz_participants (
	id VARCHAR(32) NOT NULL, 
	code_digest VARCHAR(64) NOT NULL, 
	role_id VARCHAR(64), 
	display_name VARCHAR(255), 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (code_digest)
);

CREATE TABLE pz_polls (
	id SERIAL NOT NULL, 
	session_code VARCHAR(32) NOT NULL, 
	kind VARCHAR(16) NOT NULL, 
	prompt TEXT NOT NULL, 
	options_json TEXT NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	closed_at TIMESTAMP WITH TIME ZONE, 
	PRIMARY KEY (id)
);

CREATE INDEX ix_pz_polls_session_code ON pz_polls (session_code);

CREATE TABLE pz_sessions (
	code VARCHAR(32) NOT NULL, 
	network_id VARCHAR(64) NOT NULL, 
	worksheet_id VARCHAR(64) NOT NULL, 
	title VARCHAR(255) NOT NULL, 
	date VARCHAR(10), 
	key_digest VARCHAR(64) NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	expected INTEGER, 
	PRIMARY KEY (code)
);

CREATE TABLE pz_answer_history (
	id SERIAL NOT NULL, 
	participant_id VARCHAR(32) NOT NULL, 
	worksheet_id VARCHAR(64) NOT NULL, 
	session_code VARCHAR(32) NOT NULL, 
	question_id VARCHAR(64) NOT NULL, 
	value_json TEXT NOT NULL, 
	saved_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(participant_id) REFERENCES pz_participants (id)
);

CREATE INDEX ix_history_participant ON pz_answer_history (participant_id, worksheet_id, question_id);

CREATE TABLE pz_answers (
	participant_id VARCHAR(32) NOT NULL, 
	worksheet_id VARCHAR(64) NOT NULL, 
	session_code VARCHAR(32) NOT NULL, 
	question_id VARCHAR(64) NOT NULL, 
	value_json TEXT NOT NULL, 
	saved_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (participant_id, worksheet_id, session_code, question_id), 
	FOREIGN KEY(participant_id) REFERENCES pz_participants (id)
);

CREATE TABLE pz_enrolments (
	participant_id VARCHAR(32) NOT NULL, 
	worksheet_id VARCHAR(64) NOT NULL, 
	session_code VARCHAR(32) NOT NULL, 
	first_seen TIMESTAMP WITH TIME ZONE NOT NULL, 
	last_seen TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (participant_id, worksheet_id, session_code), 
	FOREIGN KEY(participant_id) REFERENCES pz_participants (id)
);

CREATE TABLE pz_hidden_answers (
	session_code VARCHAR(32) NOT NULL, 
	participant_id VARCHAR(32) NOT NULL, 
	question_id VARCHAR(64) NOT NULL, 
	hidden_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (session_code, participant_id, question_id), 
	FOREIGN KEY(participant_id) REFERENCES pz_participants (id)
);

CREATE TABLE pz_poll_answers (
	poll_id INTEGER NOT NULL, 
	participant_id VARCHAR(32) NOT NULL, 
	value_json TEXT NOT NULL, 
	saved_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	PRIMARY KEY (poll_id, participant_id), 
	FOREIGN KEY(poll_id) REFERENCES pz_polls (id), 
	FOREIGN KEY(participant_id) REFERENCES pz_participants (id)
);

INSERT INTO pz_meta (key, value) VALUES ('schema_version', '3');
