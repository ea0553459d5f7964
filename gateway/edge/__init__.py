"""What stands between the internet and the engine: one concern per module.

``protocol`` (GraphQL over HTTP parameters, ``Accept``, status codes), ``auth`` (bearer JWT ->
identity), ``authorization`` (federation auth directives, pure) and ``authorizer`` (its engine
hook), ``limits`` and ``cost`` (operation shape, demand control), ``persisted`` (APQ and trusted
documents), ``csrf``, ``ratelimit``, ``headers`` (propagation to subgraphs), ``masking`` (what
clients see of errors) and ``pipeline`` (one operation through all of the above and the engine).
Import from the modules; this package re-exports nothing.
"""

__all__: list[str] = []
