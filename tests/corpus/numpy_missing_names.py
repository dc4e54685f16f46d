# What pyjit's numpy lacks raises an error naming it (a NotImplementedError
# that is also an AttributeError); numpy's own errors keep their types.
# Under CPython the names exist, so the script only prints what both agree on.
import numpy as np

a = np.arange(4)
print(hasattr(a, "no_such_method"), hasattr(np, "no_such_function"), hasattr(np.add, "no_such_attr"))
for obj, name in ((a, "no_such_method"), (np, "no_such_function"), (np.add, "no_such_attr")):
    try:
        getattr(obj, name)
    except AttributeError as e:
        print("AttributeError", name in str(e))
print(hasattr(a, "__array_interface_missing__"))
