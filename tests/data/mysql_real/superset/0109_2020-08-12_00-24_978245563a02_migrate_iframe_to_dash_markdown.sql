DELETE FROM dashboard_slices WHERE dashboard_slices.slice_id IN (NULL) AND (1 != 1);

DELETE FROM slice_user WHERE slice_user.slice_id IN (NULL) AND (1 != 1);

DELETE FROM slices WHERE slices.id IN (NULL) AND (1 != 1);

