import greet
import tmplreader
from pluginlister import plugins

tmplreader.show()
print("plugins=" + ",".join(plugins.names()))
print(greet.greet("zip-safety"))
