DROP TABLE chart;

DROP TABLE users;

