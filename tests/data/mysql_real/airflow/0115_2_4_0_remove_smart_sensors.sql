DROP TABLE sensor_instance;

UPDATE task_instance SET state='failed' WHERE task_instance.state = 'sensing';

