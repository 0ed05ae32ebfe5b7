"""Template context that code above the models adds to a page: an app registers a builder for its page
type in AppConfig.ready(), and the page's get_context() (RegisteredContextMixin) adds what it returns,
so models never import the modules that build their context (which import the models)."""

_builders = {}


def register_page_context(model, builder):
    """`builder(page, request)` returns a dict added to the context of `model` pages (and subclasses)."""
    _builders[model] = builder


def _builder_for(cls):
    return next((_builders[klass] for klass in cls.__mro__ if klass in _builders), None)


class RegisteredContextMixin:
    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        builder = _builder_for(type(self))
        if builder is not None:
            context.update(builder(self, request))
        return context
