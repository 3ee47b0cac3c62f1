UPDATE dag SET default_view='grid' WHERE dag.default_view = 'tree';

