DELETE FROM slices WHERE slices.viz_type = 'filter_box';

