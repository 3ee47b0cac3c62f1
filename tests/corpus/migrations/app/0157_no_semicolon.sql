ALTER TABLE "straße_адреса"
	ADD COLUMN body boolean
	DEFAULT false