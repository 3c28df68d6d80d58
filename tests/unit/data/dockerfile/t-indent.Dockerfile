  from a
	RUN x \
  # c
   y \   
expose 80
