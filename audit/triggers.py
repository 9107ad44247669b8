"""The append-only trigger of ``audit_auditevent`` (PostgreSQL), in one place: migration 0002
installs it, and a restore (reports/backup.py) installs it again instead of trusting a dump's
copy of the function."""

APPEND_ONLY_SQL = """
CREATE FUNCTION audit_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    kept audit_auditevent;
BEGIN
    IF current_setting('mip.audit_maintenance', true) = 'on' THEN
        RETURN COALESCE(NEW, OLD);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.actor_id IS NULL THEN
        kept := NEW;
        kept.actor_id := OLD.actor_id;
        IF kept IS NOT DISTINCT FROM OLD THEN
            RETURN NEW;  -- the actor's account was deleted; the event stays as it was
        END IF;
    END IF;
    RAISE EXCEPTION 'audit events are append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_auditevent_append_only
    BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only();
CREATE TRIGGER audit_auditevent_no_truncate
    BEFORE TRUNCATE ON audit_auditevent
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only();
"""
DROP_APPEND_ONLY_SQL = """
DROP TRIGGER audit_auditevent_no_truncate ON audit_auditevent;
DROP TRIGGER audit_auditevent_append_only ON audit_auditevent;
DROP FUNCTION audit_auditevent_append_only();
"""
