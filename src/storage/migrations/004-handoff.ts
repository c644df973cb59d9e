import type { Migration } from '../migrate.js';

// Owned by the hand-off module (src/handoff/). Cases, their encrypted messages, an audit trail of
// events, the durable outbox every outgoing hand-off message goes through, deadlines for the SLA
// sweeper, and what the module remembers about staff members.
//
// cases.user_id deliberately has NO foreign key to users(id): the core's /forget deletes the users
// row, and an open case (someone possibly in danger) must survive that; the hand-off module's
// forgetUser() deletes the rest. Case messages store only ciphertext (see src/handoff/crypto.ts).
export const handoffMigration: Migration = {
  version: 4,
  name: 'handoff',
  up(db) {
    db.exec(`
      CREATE TABLE handoff_cases (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,            -- short random code shown to staff, e.g. K7Q2 (never the user id)
        user_id INTEGER NOT NULL,             -- Telegram user id = private chat id; never shown to staff
        lang TEXT NOT NULL,
        state TEXT NOT NULL,                  -- 'offered' | 'declined' | 'waiting' | 'claimed' | 'closed'
        reason TEXT NOT NULL,                 -- 'risk' | 'request' | 'misunderstood'
        risk_level TEXT NOT NULL,             -- contract risk level at the offer
        indicators TEXT NOT NULL DEFAULT '[]',-- JSON array of contract risk indicators
        priority INTEGER NOT NULL DEFAULT 0,  -- 1 for urgent
        share_recent INTEGER NOT NULL DEFAULT 0, -- the user agreed to share their last few messages
        caseworker_id INTEGER,                -- Telegram id of the claiming staff member
        caseworker_name TEXT,                 -- display name snapshot, for the console
        outcome TEXT,                         -- 'resolved' | 'referred' | 'no-response' | 'not-a-case'
        closed_reason TEXT,                   -- 'declined' | 'offer_expired' | 'user_end' | 'staff_end' | 'staff_close' | 'idle'
        card_message_id INTEGER,              -- case card in the staff group (set once sent)
        precard_message_id INTEGER,           -- urgent "awaits consent" card (no content)
        alert_count INTEGER NOT NULL DEFAULT 0,
        user_ack_at INTEGER,                  -- last "your message is saved" notice while waiting
        created_at INTEGER NOT NULL,          -- unix ms (offer)
        consented_at INTEGER,
        claimed_at INTEGER,
        closed_at INTEGER,
        last_user_at INTEGER,                 -- last message from the user (idle timeout)
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX handoff_cases_user ON handoff_cases(user_id, state);
      CREATE INDEX handoff_cases_state ON handoff_cases(state, created_at);
      CREATE INDEX handoff_cases_caseworker ON handoff_cases(caseworker_id, state);

      -- Every message of a case, in order; body is AES-256-GCM ciphertext (or a marked plaintext
      -- when no DATA_KEY is configured). src_* identify the Telegram message it came from, so a
      -- redelivered update is never relayed twice.
      CREATE TABLE handoff_messages (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES handoff_cases(id) ON DELETE CASCADE,
        direction TEXT NOT NULL,              -- 'shared' (before consent) | 'user' | 'staff' | 'note' (internal)
        kind TEXT NOT NULL DEFAULT 'text',    -- 'text' | 'photo' | 'voice' | 'video' | 'document' | 'sticker' | …
        author_id INTEGER,                    -- staff member for 'staff' / 'note'; NULL for the user
        body BLOB,                            -- encrypted text or caption
        src_chat_id INTEGER,
        src_message_id INTEGER,
        at INTEGER NOT NULL
      );
      CREATE INDEX handoff_messages_case ON handoff_messages(case_id, id);
      CREATE UNIQUE INDEX handoff_messages_src ON handoff_messages(case_id, src_chat_id, src_message_id)
        WHERE src_message_id IS NOT NULL;

      -- Audit trail: who did what when (no message text).
      CREATE TABLE handoff_events (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES handoff_cases(id) ON DELETE CASCADE,
        at INTEGER NOT NULL,
        event TEXT NOT NULL,                  -- state-machine event or 'alert', 'note', 'delivery_failed', …
        actor_id INTEGER,                     -- staff member's Telegram id; NULL for the user / system
        detail TEXT                           -- short, no message text
      );
      CREATE INDEX handoff_events_case ON handoff_events(case_id, id);

      -- Durable outbox: written in the same transaction as the state change, before the send;
      -- delivered in id order per chat, retried on 429/5xx/network errors, marked after the send.
      CREATE TABLE handoff_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        chat_id INTEGER NOT NULL,
        method TEXT NOT NULL,                 -- 'sendMessage' | 'copyMessage' | 'editMessageText'
        payload BLOB,                         -- encrypted JSON of the call's parameters; NULL once sent
        case_id INTEGER REFERENCES handoff_cases(id) ON DELETE SET NULL,
        purpose TEXT NOT NULL,                -- 'user' | 'relay' | 'card' | 'precard' | 'staff' | 'admin' | …
        priority INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'pending',-- 'pending' | 'sent' | 'failed'
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT,
        result_message_id INTEGER,            -- message id Telegram returned (reply-to routing, card edits)
        created_at INTEGER NOT NULL,
        done_at INTEGER
      );
      CREATE INDEX handoff_outbox_pending ON handoff_outbox(state, chat_id, id);
      CREATE INDEX handoff_outbox_result ON handoff_outbox(chat_id, result_message_id);
      CREATE INDEX handoff_outbox_case ON handoff_outbox(case_id);

      -- Timeouts as rows, processed by a polling sweeper (survive restarts).
      CREATE TABLE handoff_deadlines (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES handoff_cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,                   -- 'alert' | 'idle' | 'offer_expire'
        due_at INTEGER NOT NULL,
        UNIQUE (case_id, kind)
      );
      CREATE INDEX handoff_deadlines_due ON handoff_deadlines(due_at);

      -- Staff group membership (getChatMember), cached briefly.
      CREATE TABLE handoff_staff_cache (
        user_id INTEGER PRIMARY KEY,
        status TEXT NOT NULL,                 -- Telegram chat member status
        checked_at INTEGER NOT NULL
      );

      -- Staff members the bot has seen: names for cards, @username for /transfer, the active case of
      -- their private chat, and whether the bot can write to them privately.
      CREATE TABLE handoff_caseworkers (
        user_id INTEGER PRIMARY KEY,
        username TEXT,
        display_name TEXT NOT NULL,
        active_case_id INTEGER REFERENCES handoff_cases(id) ON DELETE SET NULL,
        dm_ok INTEGER NOT NULL DEFAULT 0,     -- 1 once they wrote to the bot privately
        updated_at INTEGER NOT NULL
      );
      CREATE INDEX handoff_caseworkers_username ON handoff_caseworkers(username);
    `);
  },
};
