"""What stands between the internet and the engine: one concern per module.

``protocol`` (GraphQL over HTTP parameters, ``Accept``, status codes), ``auth`` (bearer JWT ->
identity), ``authorization`` (federation auth directives), ``limits`` and ``cost`` (operation
shape and demand control), ``persisted`` (APQ and trusted documents), ``csrf``,
``ratelimit``, ``headers`` (propagation to subgraphs) and ``masking`` (errors sent to clients).
"""
