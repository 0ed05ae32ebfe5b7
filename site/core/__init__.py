"""Ground floor: services every app uses and that know no app of the project."""
