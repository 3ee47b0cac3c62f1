DROP TABLE access_request;

