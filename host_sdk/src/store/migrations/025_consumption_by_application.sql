-- The console lists the users of one license: the rows that can count against it are those
-- allocated to it (consumption_by_license) and those of the applications linked to it, found
-- here instead of by reading every row of the tenant.

CREATE INDEX consumption_by_application ON consumption (connection, application_external_id);
