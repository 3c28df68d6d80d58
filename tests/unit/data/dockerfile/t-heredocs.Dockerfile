FROM a
RUN <<-EOT bash
	echo hi
	EOT
RUN <<A <<B
a
A
b
B
USER x
