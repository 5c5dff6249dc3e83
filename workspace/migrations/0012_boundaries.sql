-- Schema version 12: the boundaries of community units, for maps. A unit
-- has at most one shape: a GeoJSON Polygon or MultiPolygon in WGS84
-- longitude and latitude, as a boundaries file gave it. Shapes travel with
-- copies and merge like any record; undo keeps them like any record.
CREATE TABLE unit_shapes (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL UNIQUE REFERENCES units(id) ON DELETE CASCADE,
    shape       TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    copy_id     TEXT NOT NULL,
    arrived_at  TEXT NOT NULL DEFAULT ''
);

CREATE TRIGGER step_insert_unit_shapes BEFORE INSERT ON unit_shapes BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'unit_shapes', NEW.id, (SELECT json_object('id', id, 'unit_id', unit_id, 'shape', shape, 'updated_at', updated_at, 'copy_id', copy_id, 'arrived_at', arrived_at) FROM unit_shapes WHERE id = NEW.id)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'unit_shapes' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_update_unit_shapes BEFORE UPDATE ON unit_shapes BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'unit_shapes', OLD.id, json_object('id', OLD.id, 'unit_id', OLD.unit_id, 'shape', OLD.shape, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'unit_shapes' AND x.row_id = OLD.id AND x.step = s.id);
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'unit_shapes', NEW.id, NULL FROM steps s WHERE s.open AND NEW.id IS NOT OLD.id
            AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'unit_shapes' AND x.row_id = NEW.id AND x.step = s.id);
END;
CREATE TRIGGER step_delete_unit_shapes BEFORE DELETE ON unit_shapes BEGIN
    INSERT INTO step_rows (step, tbl, row_id, before)
        SELECT s.id, 'unit_shapes', OLD.id, json_object('id', OLD.id, 'unit_id', OLD.unit_id, 'shape', OLD.shape, 'updated_at', OLD.updated_at, 'copy_id', OLD.copy_id, 'arrived_at', OLD.arrived_at)
        FROM steps s WHERE s.open AND NOT EXISTS (SELECT 1 FROM step_rows x WHERE x.tbl = 'unit_shapes' AND x.row_id = OLD.id AND x.step = s.id);
END;

CREATE TRIGGER fields_update_unit_shapes AFTER UPDATE ON unit_shapes WHEN NEW.unit_id IS NOT OLD.unit_id OR NEW.shape IS NOT OLD.shape BEGIN
    DELETE FROM field_stamps WHERE tbl = 'unit_shapes' AND row_id IN (OLD.id, NEW.id) AND col IN (
            SELECT 'unit_id' WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'shape' WHERE NEW.shape IS NOT OLD.shape);
    INSERT INTO field_stamps (tbl, row_id, col, updated_at, copy_id, arrived_at)
        SELECT 'unit_shapes', NEW.id, c, NEW.updated_at, NEW.copy_id, '' FROM (
            SELECT 'unit_id' AS c WHERE NEW.unit_id IS NOT OLD.unit_id
            UNION ALL SELECT 'shape' WHERE NEW.shape IS NOT OLD.shape);
END;
CREATE TRIGGER fields_delete_unit_shapes AFTER DELETE ON unit_shapes BEGIN
    DELETE FROM field_stamps WHERE tbl = 'unit_shapes' AND row_id = OLD.id;
END;
