/**
 * One engine for every state machine of the product (enrolment, 医师信息修改, 免考, 延期考核).
 * A machine is a pure table: (state, event, actor, context) → next state | refusal. No I/O.
 * Services turn a refusal into an error with `refusalToAppError` (server/platform/refusal.ts).
 */

/** Why a machine refused an event. */
export type RefusalCode = 'FORBIDDEN_ACTOR' | 'INVALID_TRANSITION' | 'REASON_REQUIRED' | 'GUARD';
export interface Refusal {
  ok: false;
  code: RefusalCode;
  message: string;
}

export interface TransitionSpec<S extends string, A extends string, C, W extends string = never> {
  from: readonly S[];
  actors: readonly A[];
  /** the next state, fixed or computed from the context */
  to: S | ((ctx: C) => S);
  /** what users call the action (used in messages and the audit trail) */
  label: string;
  /** a reason / opinion text is required (rejections) */
  needsReason?: boolean;
  /** the window (考核设置) the event must fall in, if any */
  window?: W;
  /** extra rule on the context; returns a Chinese refusal or null */
  guard?: (ctx: C) => string | null;
  /** fired only by another use case (e.g. the 申诉 decision), never offered as a button */
  internal?: boolean;
}

export interface MachineSpec<S extends string, A extends string, E extends string, C, W extends string> {
  /** what the state is called in messages, e.g. 考核状态 / 免考申请状态 */
  subject: string;
  stateLabel: (state: S) => string;
  transitions: Record<E, TransitionSpec<S, A, C, W>>;
  /** the word for the required text in 「…」须填写理由 (default 理由) */
  reasonWord?: string;
  /** may `actor` act where `allowed` actors may? default: membership */
  actorMay?: (actor: A, allowed: readonly A[]) => boolean;
  /** actors that never press a button (events only they fire are not offered as actions) */
  automaticActors?: readonly A[];
  /** a more helpful message for a particular invalid (state, event) pair */
  invalidMessage?: (state: S, event: E) => string | null;
}

export type Fired<S extends string, W extends string> = { ok: true; to: S; label: string; window?: W };

export interface Machine<S extends string, A extends string, E extends string, C, W extends string> {
  readonly subject: string;
  readonly transitions: Record<E, TransitionSpec<S, A, C, W>>;
  readonly events: readonly E[];
  /** Pure: may `actor` fire `event` in `state`, and where does it lead? */
  fire(state: S, event: E, actor: A, ctx?: C, reason?: string | null): Fired<S, W> | Refusal;
  /** Events `actor` may fire in `state` (the UI renders buttons from these). */
  available(state: S, actor: A): E[];
}

export function defineMachine<
  S extends string,
  A extends string,
  E extends string,
  C = object,
  W extends string = never,
>(spec: MachineSpec<S, A, E, C, W>): Machine<S, A, E, C, W> {
  const events = Object.keys(spec.transitions) as E[];
  const may = spec.actorMay ?? ((a: A, allowed: readonly A[]) => allowed.includes(a));
  const automatic = spec.automaticActors ?? [];
  const word = spec.reasonWord ?? '理由';
  return {
    subject: spec.subject,
    transitions: spec.transitions,
    events,
    fire(state, event, actor, ctx, reason) {
      const t = spec.transitions[event];
      if (!may(actor, t.actors)) {
        return { ok: false, code: 'FORBIDDEN_ACTOR', message: `当前角色不能执行「${t.label}」` };
      }
      if (!t.from.includes(state)) {
        const message =
          spec.invalidMessage?.(state, event) ??
          `${spec.subject}为「${spec.stateLabel(state)}」，不能执行「${t.label}」，请刷新后重试`;
        return { ok: false, code: 'INVALID_TRANSITION', message };
      }
      if (t.needsReason && !reason?.trim()) {
        return { ok: false, code: 'REASON_REQUIRED', message: `「${t.label}」须填写${word}` };
      }
      const c = (ctx ?? {}) as C;
      const guardError = t.guard?.(c);
      if (guardError) return { ok: false, code: 'GUARD', message: guardError };
      const to = typeof t.to === 'function' ? t.to(c) : t.to;
      return t.window ? { ok: true, to, label: t.label, window: t.window } : { ok: true, to, label: t.label };
    },
    available(state, actor) {
      return events.filter((e) => {
        const t = spec.transitions[e];
        if (t.internal || t.actors.every((a) => automatic.includes(a))) return false;
        return may(actor, t.actors) && t.from.includes(state);
      });
    },
  };
}

/** The HTTP status a refusal answers with: not allowed 403, stale state 409, missing input 400. */
export function refusalStatus(code: RefusalCode): 403 | 409 | 400 {
  return code === 'FORBIDDEN_ACTOR' ? 403 : code === 'INVALID_TRANSITION' ? 409 : 400;
}
